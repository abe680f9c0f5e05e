import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { PgListener } from '../database/pg-listener';
import type { NotificationChannel } from './notification.entity';
import {
  CHANNEL_QUEUES,
  SendNotificationJob,
  sendJobId,
  sendJobOptions,
} from './notification-queue';

const OUTBOX_CHANNEL = 'notification_outbox';
const SWEEP_BATCH = 500;
const TERMINAL_STATES = new Set(['completed', 'failed']);

interface PendingRow {
  id: string;
  channel: NotificationChannel;
  sendAt: Date;
}

/**
 * Moves committed outbox rows into their channel's queue: at once when PostgreSQL notifies their
 * commit, and by a periodic sweep for rows whose enqueue failed (queue backend down, process
 * killed) or whose job ended without settling the row. Job ids are deterministic, so enqueueing
 * twice is harmless; a scheduled row waits in the queue as a delayed job.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues: Record<NotificationChannel, Queue<SendNotificationJob>>;
  private readonly notified = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    @InjectQueue(CHANNEL_QUEUES.sms) sms: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.email) email: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.webhook) webhook: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.sas) sas: Queue<SendNotificationJob>,
    private readonly listener: PgListener,
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {
    this.queues = { sms, email, webhook, sas };
    for (const queue of Object.values(this.queues)) {
      // The sweep reports an unreachable backend; the connection's own errors would repeat it.
      queue.on('error', (error) => this.logger.debug(`queue ${queue.name}: ${error.message}`));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.listen(
      OUTBOX_CHANNEL,
      (id) => this.onCommitted(id),
      () => void this.sweep(),
    );
    this.timer = setInterval(() => void this.sweep(), this.config.sweepIntervalMs);
    this.timer.unref();
    await this.sweep();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Rows pending since more than a sweep period: enqueued again unless their job is alive. */
  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      const rows = await this.db.statement<PendingRow>(
        `SELECT id, channel, send_at AS "sendAt" FROM notification
          WHERE status = 'pending' AND send_at < now() - $1 * interval '1 millisecond'
          ORDER BY send_at LIMIT ${SWEEP_BATCH}`,
        [this.config.sweepIntervalMs],
      );
      await Promise.all(rows.map((row) => this.clearSettledJob(row)));
      await this.enqueue(rows);
    } catch (error) {
      this.logger.warn(`outbox sweep failed: ${(error as Error).message}`);
    } finally {
      this.sweeping = false;
    }
  }

  /** Notifications arrive one per row; a burst is relayed with one query. */
  private onCommitted(id: string): void {
    if (this.notified.size === 0) setImmediate(() => void this.relayNotified());
    this.notified.add(id);
  }

  private async relayNotified(): Promise<void> {
    const ids = [...this.notified];
    this.notified.clear();
    try {
      const rows = await this.db.statement<PendingRow>(
        `SELECT id, channel, send_at AS "sendAt" FROM notification
          WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
        [ids],
      );
      await this.enqueue(rows);
    } catch (error) {
      // The rows stay pending; the sweep enqueues them.
      this.logger.warn(
        `could not relay ${ids.length} notification(s): ${(error as Error).message}`,
      );
    }
  }

  /** A finished job for a row still pending would block its deterministic id: remove it. */
  private async clearSettledJob(row: PendingRow): Promise<void> {
    const queue = this.queues[row.channel];
    const jobId = sendJobId(row.id);
    if (TERMINAL_STATES.has(await queue.getJobState(jobId))) await queue.remove(jobId);
  }

  private async enqueue(rows: PendingRow[]): Promise<void> {
    const now = Date.now();
    for (const channel of Object.keys(this.queues) as NotificationChannel[]) {
      const batch = rows.filter((row) => row.channel === channel);
      if (batch.length === 0) continue;
      try {
        await this.queues[channel].addBulk(
          batch.map((row) => ({
            name: 'send',
            data: { notificationId: row.id },
            opts: sendJobOptions(
              row.id,
              this.config.notificationAttempts,
              new Date(row.sendAt).getTime() - now,
            ),
          })),
        );
      } catch (error) {
        this.logger.warn(
          `could not enqueue ${batch.length} ${channel} notification(s): ${(error as Error).message}`,
        );
      }
    }
  }
}
