import { Injectable, OnModuleInit } from '@nestjs/common';

import { SignInLinksService } from '../../auth/sign-in-links.service';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { NotificationSchedulesService } from '../../notifications/notification-schedules.service';
import { nudgeStalePractitioners } from './availability-nudge';
import { nudgeLapsingCapacities } from './capacity-nudge';

// What other features use of this one.
export { STALE_AFTER_DAYS } from './stale-availability';

/** Where a nudge about availability or capacity opens the GP space: its one-tap confirmation. */
export const CONFIRM_PAGE = '/medecin#confirmer';

/**
 * The GPs' nudges: on Mondays at 9:00 (Paris) to refresh stale availability, every day at 9:30 to
 * confirm a lapsing "yes, I take new patients". Each tick is one job across instances (the
 * notifications' job schedulers).
 */
@Injectable()
export class AvailabilityNudges implements OnModuleInit {
  constructor(
    private readonly schedules: NotificationSchedulesService,
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly links: SignInLinksService,
  ) {}

  onModuleInit(): void {
    this.schedules.register({
      name: 'availability-nudge',
      pattern: '0 9 * * 1',
      run: async (now) => {
        const count = await this.db.system((manager) =>
          nudgeStalePractitioners(manager, now, (practitionerId) =>
            this.links.forPractitioner(manager, practitionerId, CONFIRM_PAGE),
          ),
        );
        return `${count} nudge(s)`;
      },
    });
    this.schedules.register({
      name: 'capacity-confirm',
      pattern: '30 9 * * *',
      run: async (now) => {
        const count = await this.db.system((manager) =>
          nudgeLapsingCapacities(manager, now, this.config.capacityConfirmEveryMs, (id) =>
            this.links.forPractitioner(manager, id, CONFIRM_PAGE),
          ),
        );
        return `${count} capacity nudge(s)`;
      },
    });
  }
}
