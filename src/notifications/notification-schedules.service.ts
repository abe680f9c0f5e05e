import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';

import { AppConfig } from '../config/app-config';
import { NOTIFICATION_QUEUE } from './notification-queue';

const ZONE = 'Europe/Paris';

/**
 * Messages a feature decides to send on a calendar (a weekly nudge, a daily digest): at each tick,
 * `run` writes outbox rows (with a dedupe key per period, so that a repeated tick is harmless) and
 * says what it wrote.
 */
export interface ScheduledNotifications {
  name: string;
  /** Cron pattern, Paris time. */
  pattern: string;
  run(now: Date): Promise<string>;
}

/**
 * The ticks of the features' scheduled messages. Features register in `onModuleInit`; the worker
 * role installs one BullMQ job scheduler per registration, so that each tick is one job across all
 * instances, and the delivery queues do the rest.
 */
@Injectable()
export class NotificationSchedulesService implements OnModuleDestroy {
  private readonly logger = new Logger(NotificationSchedulesService.name);
  private readonly scheduled = new Map<string, ScheduledNotifications>();
  private retry: NodeJS.Timeout | undefined;

  constructor(
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {
    queue.on('error', (error) => this.logger.debug(`queue ${queue.name}: ${error.message}`));
  }

  register(scheduled: ScheduledNotifications): void {
    if (this.scheduled.has(scheduled.name)) {
      throw new Error(`scheduled notifications ${scheduled.name} registered twice`);
    }
    this.scheduled.set(scheduled.name, scheduled);
  }

  /** Declares the schedulers; while the queue backend is away, tries again every sweep period. */
  install(): void {
    const attempt = async (): Promise<void> => {
      try {
        for (const { name, pattern } of this.scheduled.values()) {
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
    const scheduled = this.scheduled.get(name);
    return scheduled ? scheduled.run(now) : `unknown job ${name}`;
  }
}
