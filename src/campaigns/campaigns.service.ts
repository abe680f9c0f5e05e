import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { SignInLinksService } from '../auth/sign-in-links.service';
import { DomainError } from '../common/domain-error';
import { toParisIso } from '../common/paris-time';
import { Database } from '../database/database';
import { lockForCurrentCpts } from '../database/exclusive';
import { queryRows } from '../database/sql';
import { NotificationsService } from '../notifications/notifications.service';
import { QUESTIONNAIRE_PAGE, questionnaireMessages } from './campaign-messages';
import { type CampaignSummary, campaignSummary } from './campaign-summary';
import { addCampaignRecipients, campaignRecipients } from './campaigns.queries';
import { SentCampaign } from './dto/campaign.view';

export { SentCampaign };

/** The latest campaign of the transaction's CPTS (row-level security keeps it to that CPTS). */
export async function latestCampaign(
  manager: EntityManager,
): Promise<{ id: string; sentAt: Date } | undefined> {
  const [latest] = await queryRows<{ id: string; sentAt: Date }>(
    manager,
    `SELECT id, sent_at AS "sentAt" FROM campaign ORDER BY sent_at DESC, id DESC LIMIT 1`,
  );
  return latest;
}

/** The questionnaire MT/SNP: sent to every active GP of the CPTS, and how it is answered. */
@Injectable()
export class CampaignsService {
  constructor(
    private readonly db: Database,
    private readonly links: SignInLinksService,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * One campaign: its recipients and their messages are written together, or not at all. A second
   * one within a day is refused (a double click, two coordinators at once): GPs get one message.
   */
  send(caller: Caller): Promise<SentCampaign> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      await lockForCurrentCpts(manager, 'campaign');
      const [recent] = await queryRows(
        manager,
        `SELECT 1 FROM campaign WHERE sent_at > now() - interval '1 day'`,
      );
      if (recent)
        throw DomainError.conflict('A questionnaire was already sent in the last 24 hours.');
      const [campaign] = await queryRows<{ id: string; sentAt: Date }>(
        manager,
        `INSERT INTO campaign DEFAULT VALUES RETURNING id, sent_at AS "sentAt"`,
      );
      const recipients = await addCampaignRecipients(manager, campaign.id);
      for (const practitioner of recipients) {
        const link = await this.links.forPractitioner(
          manager,
          practitioner.practitionerId,
          QUESTIONNAIRE_PAGE,
        );
        await this.notifications.request(
          manager,
          questionnaireMessages('questionnaire', campaign.id, practitioner, link),
        );
      }
      return {
        id: campaign.id,
        sentAt: toParisIso(campaign.sentAt),
        recipients: recipients.length,
      };
    });
  }

  latest(caller: Caller): Promise<CampaignSummary> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const campaign = await latestCampaign(manager);
      if (!campaign) throw DomainError.notFound('Campaign');
      const recipients = await campaignRecipients(manager, campaign.id);
      return campaignSummary(campaign, recipients, toParisIso);
    });
  }
}
