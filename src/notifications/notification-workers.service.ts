import { getSharedConfigToken } from '@nestjs/bullmq';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { type QueueOptions, Worker, type WorkerOptions } from 'bullmq';

import { AppConfig } from '../config/app-config';
import { WORKER_CONFIG } from '../queue/queue.module';
import { closeWorker } from '../queue/redis-shutdown';
import { retryAfterOf } from './delivery-error';
import { channelPaces } from './delivery-pace';
import type { NotificationChannel } from './notification.entity';
import { NotificationDeliveryService } from './notification-delivery.service';
import { CHANNEL_QUEUES, NOTIFICATION_QUEUE, SendNotificationJob } from './notification-queue';
import { NotificationSchedulesService } from './notification-schedules.service';
import { nextAttemptDelay } from './retry-backoff';

/** A job found stalled this many times (its worker died each time) fails instead of looping. */
const MAX_STALLED = 3;

/**
 * The worker role's consumers: one per channel queue, each with its own rate limit, and one for
 * the scheduled jobs. Built here rather than with @Processor so that limits, backoff and lock
 * duration come from the configuration.
 */
@Injectable()
export class NotificationWorkersService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationWorkersService.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly config: AppConfig,
    @Inject(getSharedConfigToken(WORKER_CONFIG)) private readonly shared: QueueOptions,
    private readonly delivery: NotificationDeliveryService,
    private readonly schedules: NotificationSchedulesService,
  ) {}

  onApplicationBootstrap(): void {
    const paces = channelPaces(this.config);
    for (const channel of Object.keys(CHANNEL_QUEUES) as NotificationChannel[]) {
      const pace = paces[channel];
      this.start(
        new Worker<SendNotificationJob>(
          CHANNEL_QUEUES[channel],
          (job) => this.delivery.process(job),
          {
            ...this.options(),
            concurrency: pace.concurrency,
            limiter: { max: pace.jobsPerSecond, duration: 1000 },
            settings: {
              backoffStrategy: (failedAttempts, _type, error) =>
                nextAttemptDelay(
                  failedAttempts,
                  this.config.notificationBackoffMs,
                  retryAfterOf(error),
                ),
            },
          },
        ),
      );
    }
    this.start(
      new Worker(NOTIFICATION_QUEUE, (job) => this.schedules.run(job.name), this.options()),
    );
    this.schedules.install();
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map(closeWorker));
  }

  private options(): WorkerOptions {
    return {
      ...this.shared,
      lockDuration: this.config.notificationStalledAfterMs,
      stalledInterval: this.config.notificationStalledAfterMs,
      maxStalledCount: MAX_STALLED,
    };
  }

  private start(worker: Worker): void {
    worker.on('error', (error) =>
      this.logger.warn(`notification worker ${worker.name}: ${error.message}`),
    );
    this.workers.push(worker);
  }
}
