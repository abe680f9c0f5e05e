import { SignInLinksService } from '../auth/sign-in-links.service';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { nudgeStalePractitioners } from './availability-nudge';
import { nudgeLapsingCapacities } from './capacity-nudge';
import { queueCoordinatorDigests } from './coordinator-digest';
import { NOTIFICATION_QUEUE } from './notification-queue';

const ZONE = 'Europe/Paris';
/** Monday 9:00, every day 7:30 and every day 9:30, Paris time. */
const SCHEDULES = {
  'availability-nudge': '0 9 * * 1',
  'coordinator-digest': '30 7 * * *',
  'capacity-confirm': '30 9 * * *',
} as const;

/** Where a nudge about availability or capacity opens the GP space: its one-tap confirmation. */
export const CONFIRM_PAGE = '/medecin#confirmer';

type ScheduledJob = keyof typeof SCHEDULES;

/**
 * The weekly availability nudge, the daily coordinator digest and the daily capacity nudge. BullMQ job schedulers make each
 * tick one job across all instances; a tick only writes outbox rows (with a dedupe key per week or
 * day, so a repeated tick is harmless) and the delivery queues do the rest.
 */
@Injectable()
export class NotificationSchedulesService implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationSchedulesService.name);
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue,
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly links: SignInLinksService,
  ) {
    queue.on('error', (error) => this.logger.debug(`queue ${queue.name}: ${error.message}`));
  }

  /** Declares the schedulers; while the queue backend is away, tries again every sweep period. */
  install(): void {
    const attempt = async (): Promise<void> => {
      try {
        for (const [name, pattern] of Object.entries(SCHEDULES)) {
          await this.queue.upsertJobScheduler(name, { pattern, tz: ZONE }, { name });
        }
      } catch (error) {
        this.logger.warn(`could not install notification schedules: ${(error as Error).message}`);
        this.retry = setTimeout(() => void attempt(), this.config.sweepIntervalMs);
        this.retry.unref();
      }
    };
    void attempt();
  }

  onModuleDestroy(): void {
    clearTimeout(this.retry);
  }

  async run(name: string, now = new Date()): Promise<string> {
    const job = name as ScheduledJob;
    switch (job) {
      case 'availability-nudge': {
        const count = await this.db.system((manager) =>
          nudgeStalePractitioners(manager, now, (practitionerId) =>
            this.links.forPractitioner(manager, practitionerId, CONFIRM_PAGE),
          ),
        );
        return `${count} nudge(s)`;
      }
      case 'capacity-confirm': {
        const count = await this.db.system((manager) =>
          nudgeLapsingCapacities(manager, now, this.config.capacityConfirmEveryMs, (id) =>
            this.links.forPractitioner(manager, id, CONFIRM_PAGE),
          ),
        );
        return `${count} capacity nudge(s)`;
      }
      case 'coordinator-digest': {
        const count = await this.db.system((manager) =>
          queueCoordinatorDigests(manager, now, {
            recipients: this.config.coordinatorEmails,
            escalateBeforeMs: this.config.escalateBeforeMs,
            link: `${this.config.publicUrl}/dashboard`,
          }),
        );
        return `${count} digest(s)`;
      }
      default:
        return `unknown job ${name}`;
    }
  }
}
