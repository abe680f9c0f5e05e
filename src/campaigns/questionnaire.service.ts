import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { assertCanActAsPractitioner } from '../access/ownership';
import type { Caller } from '../access/role';
import type { PatternView } from '../availability/patterns/dto/pattern.view';
import { PatternsService } from '../availability/patterns/patterns.service';
import { PractitionersService } from '../availability/practitioners/practitioners.service';
import { SlotsService } from '../availability/slots/slots.service';
import { DomainError } from '../common/domain-error';
import { toParisIso } from '../common/paris-time';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { latestCampaign } from './campaigns.service';
import { QuestionnaireView } from './dto/campaign.view';
import type { QuestionnaireDto } from './dto/questionnaire.dto';

export { QuestionnaireView };

interface Answers {
  urgentCare: boolean | null;
  accepting: boolean;
  openPlaces: number;
}

/**
 * A GP's answers to the questionnaire MT/SNP: read back to prefill it, and stored in one
 * transaction (unscheduled care, weekly patterns, new-patient capacity, the campaign answered).
 */
@Injectable()
export class QuestionnaireService {
  constructor(
    private readonly db: Database,
    private readonly practitioners: PractitionersService,
    private readonly patterns: PatternsService,
    private readonly slots: SlotsService,
  ) {}

  async get(caller: Caller, practitionerId: string): Promise<QuestionnaireView> {
    assertCanActAsPractitioner(caller, practitionerId);
    const answers = await this.db.tenant(caller.cptsId, (manager) =>
      this.answers(manager, practitionerId),
    );
    const patterns = await this.patterns.listPatterns(caller, practitionerId);
    return { ...answers, patterns: patterns.items };
  }

  answer(
    caller: Caller,
    practitionerId: string,
    input: QuestionnaireDto,
  ): Promise<QuestionnaireView> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      // The practitioner's row first: the lock order of every slot write.
      const updated = await queryRows(
        manager,
        `UPDATE practitioner SET takes_urgent_care = $2 WHERE id = $1 RETURNING 1`,
        [practitionerId, input.urgentCare],
      );
      if (updated.length === 0) throw DomainError.notFound('Practitioner');
      await this.removePatterns(manager, practitionerId);
      const patterns: PatternView[] = [];
      for (const pattern of input.patterns) {
        patterns.push(await this.patterns.createIn(manager, practitionerId, pattern));
      }
      await this.practitioners.setCapacityIn(manager, practitionerId, {
        acceptingNewPatients: input.accepting,
        openPlaces: input.openPlaces,
      });
      const campaign = await latestCampaign(manager);
      if (campaign) {
        await queryRows(
          manager,
          `UPDATE campaign_recipient SET answered_at = now()
            WHERE campaign_id = $1 AND practitioner_id = $2`,
          [campaign.id, practitionerId],
        );
      }
      return { ...(await this.answers(manager, practitionerId)), patterns };
    });
  }

  /** Stops every pattern of the GP: their future free slots go, booked ones stay. */
  private async removePatterns(manager: EntityManager, practitionerId: string): Promise<void> {
    const old = await queryRows<{ id: string }>(
      manager,
      `SELECT id FROM weekly_pattern WHERE practitioner_id = $1`,
      [practitionerId],
    );
    const now = new Date();
    for (const pattern of old) {
      await this.slots.removeFree(manager, practitionerId, { from: now, patternId: pattern.id });
    }
    await queryRows(manager, `DELETE FROM weekly_pattern WHERE practitioner_id = $1`, [
      practitionerId,
    ]);
  }

  private async answers(
    manager: EntityManager,
    practitionerId: string,
  ): Promise<Omit<QuestionnaireView, 'patterns'>> {
    const [practitioner] = await queryRows<Answers>(
      manager,
      `SELECT takes_urgent_care AS "urgentCare", accepting_new_patients AS accepting,
              open_places AS "openPlaces"
         FROM practitioner WHERE id = $1`,
      [practitionerId],
    );
    if (!practitioner) throw DomainError.notFound('Practitioner');
    const campaign = await latestCampaign(manager);
    const [recipient] = campaign
      ? await queryRows<{ answeredAt: Date | null }>(
          manager,
          `SELECT answered_at AS "answeredAt" FROM campaign_recipient
            WHERE campaign_id = $1 AND practitioner_id = $2`,
          [campaign.id, practitionerId],
        )
      : [];
    return {
      ...practitioner,
      campaignId: recipient ? campaign!.id : null,
      answeredAt: recipient?.answeredAt ? toParisIso(recipient.answeredAt) : null,
    };
  }
}
