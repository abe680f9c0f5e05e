import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { SignInLinksService } from '../auth/sign-in-links.service';
import { PeriodicTasks } from '../common/periodic-tasks.service';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { LockId } from '../database/lock-ids';
import { insertNotifications } from '../notifications/notifications.service';
import { QUESTIONNAIRE_PAGE, questionnaireMessages } from './campaign-messages';
import { markDueReminders } from './campaigns.queries';

/**
 * Every SWEEP_INTERVAL and once across instances: the one reminder of the latest campaign of each
 * CPTS to the active GPs who have not answered CAMPAIGN_REMIND_AFTER after it was sent. Marking
 * the recipient reminded and writing its messages happen in one transaction.
 */
@Injectable()
export class CampaignReminders implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly links: SignInLinksService,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.periodicTasks.start('campaign reminders', this.config.sweepIntervalMs, () =>
      this.remindDue(),
    );
  }

  /** Sends the reminders now due; returns how many GPs were reminded (0 in another instance). */
  async remindDue(): Promise<number> {
    const reminded = await this.db.exclusive(LockId.CampaignReminders, async (manager) => {
      const due = await markDueReminders(manager, this.config.campaignRemindAfterMs / 1000);
      for (const practitioner of due) {
        const link = await this.links.forPractitioner(
          manager,
          practitioner.practitionerId,
          QUESTIONNAIRE_PAGE,
        );
        await insertNotifications(
          manager,
          questionnaireMessages(
            'questionnaire_reminder',
            practitioner.campaignId,
            practitioner,
            link,
          ),
          practitioner.cptsId,
        );
      }
      return due.length;
    });
    return reminded ?? 0;
  }
}
