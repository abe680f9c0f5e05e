import { Injectable } from '@nestjs/common';
import { LessThan, MoreThanOrEqual } from 'typeorm';

import type { Caller } from '../access/role';
import { Practitioner } from '../availability/practitioners/practitioner.entity';
import { Slot } from '../availability/slots/slot.entity';
import { DomainError } from '../common/domain-error';
import { toParisIso } from '../common/paris-time';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { practitionerSummary } from '../orientation/requests/requests.service';
import { CommunesService } from '../territory/communes.service';
import type { SasPractitionerSlots } from './dto/sas-slots.view';

// What other features use of this one.
export type { SasAppointmentFacts } from './sas-appointment';
export { sasAppointmentBody, sasConditionalUrl } from './sas-appointment';
export { nationalIdOf, parseSasBookingLink } from './sas-link';

/** How far ahead a regulator sees a GP's free slots: the SAS searches a few days at most. */
const HORIZON_MS = 7 * 86_400_000;

/** What the SAS booking page shows a regulator: one GP of their CPTS and that GP's free slots. */
@Injectable()
export class SasBookingService {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly communes: CommunesService,
  ) {}

  /**
   * Whether the GP of a booking link is an active practitioner of this CPTS who offers their urgent
   * slots to the SAS (`sasPublication`): a regulator books with no other.
   */
  bookableThroughSas(cptsId: string, practitionerId: string): Promise<boolean> {
    return this.db.tenant(cptsId, (manager) =>
      manager.existsBy(Practitioner, { id: practitionerId, active: true, sasPublication: true }),
    );
  }

  /** The GP and their free slots from the earliest bookable time, nearest first. */
  freeSlots(caller: Caller, practitionerId: string): Promise<SasPractitionerSlots> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const practitioner = await manager.findOneBy(Practitioner, {
        id: practitionerId,
        active: true,
        ...(caller.role === 'regulator' ? { sasPublication: true } : {}),
      });
      if (!practitioner) throw DomainError.notFound('Practitioner');
      const from = new Date(Date.now() + this.config.minLeadTimeMs);
      const slots = await manager.find(Slot, {
        where: {
          practitionerId,
          status: 'free',
          startsAt: MoreThanOrEqual(from) as never,
          endsAt: LessThan(new Date(from.getTime() + HORIZON_MS)) as never,
        },
        order: { startsAt: 'ASC' },
        take: 100,
      });
      return {
        practitioner: practitionerSummary(
          practitioner,
          this.communes.name(practitioner.communeCode),
        ),
        items: slots.map((slot) => ({
          id: slot.id,
          startsAt: toParisIso(slot.startsAt),
          endsAt: toParisIso(slot.endsAt),
          mode: slot.mode,
        })),
      };
    });
  }
}
