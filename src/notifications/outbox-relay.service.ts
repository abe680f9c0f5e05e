import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';

import { PeriodicTasks } from '../common/periodic-tasks.service';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { LockId } from '../database/lock-ids';
import { PgListener } from '../database/pg-listener';
import { queryRows } from '../database/sql';
import { ChannelQueues } from './channel-queues';
import { channelPaces, type DeliveryPace } from './delivery-pace';
import type { NotificationChannel } from './notification.entity';
import {
  type DueRows,
  isBatchJobId,
  jobsOf,
  sendJobId,
  SendNotificationJob,
} from './notification-queue';
import { OutboxRow, parseOutboxNotice } from './outbox-notice';

const OUTBOX_CHANNEL = 'notification_outbox';
const SWEEP_BATCH = 500;
/**
 * Jobs per `addBulk` call: a burst of thousands goes in slices, so that the first jobs start
 * while the rest are added, and the pipeline held in memory stays small.
 */
const ENQUEUE_SLICE = 500;
/** A job in none of BullMQ's live states: finished, or gone (removed, lost with Redis's data). */
const DEAD_STATES = new Set(['completed', 'failed', 'unknown']);

interface PendingRow extends OutboxRow {
  /** Attempts the row counted (claims that reached the database). */
  attempts: number;
  /** The job holding an attempt in flight, if any. */
  holder: string | null;
}

/** A pass over the outbox: the periodic sweep, or healing after an outage. */
interface Pass {
  /** Only rows due since more than this long (the sweep); healing takes every pending row. */
  dueForMs: number | undefined;
  /** Healing after PostgreSQL came back: jobs waiting out a backoff for a failed claim run now. */
  retryFailedClaims: boolean;
}

/**
 * Moves committed outbox rows into their channel's queue: at once when PostgreSQL notifies their
 * commit (the notification carries the row's id, channel and send time: nothing is read back; on
 * a fast channel, due rows go several to a job, `deliveryPace`), by a periodic sweep for rows
 * whose job ended without settling the row, and by healing as soon as the queue backend (`ready`
 * after an error) or PostgreSQL (the listener reconnected) comes back, for rows whose enqueue
 * failed meanwhile. A row's own job has a deterministic id, so enqueueing it twice is harmless; a
 * scheduled row waits in the queue as a delayed job.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly queues: Record<NotificationChannel, Queue<SendNotificationJob>>;
  private readonly paces: Record<NotificationChannel, DeliveryPace>;
  /** How long committed rows are gathered before they are enqueued (0: the next turn). */
  private readonly gatherMs: number;
  private readonly notified: OutboxRow[] = [];
  private running = false;
  private nextPass: Pass | undefined;
  private backendLost = false;
  private unrelayed = false;

  constructor(
    private readonly channelQueues: ChannelQueues,
    private readonly listener: PgListener,
    private readonly db: Database,
    private readonly config: AppConfig,
    private readonly periodicTasks: PeriodicTasks,
  ) {
    this.queues = channelQueues.byChannel;
    this.paces = channelPaces(config);
    this.gatherMs = Math.max(...Object.values(this.paces).map((pace) => pace.gatherMs));
    for (const queue of Object.values(this.queues)) {
      // The relay reports an unreachable backend; the connection's own errors would repeat it.
      queue.on('error', (error) => {
        this.backendLost = true;
        this.logger.debug(`queue ${queue.name}: ${error.message}`);
      });
      queue.getBackend().on('ready', () => this.onBackendReady());
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listener.listen(
      OUTBOX_CHANNEL,
      (payload) => this.onCommitted(payload),
      () => void this.heal(true),
    );
    await this.sweep();
    this.periodicTasks.start('notification outbox sweep', this.config.sweepIntervalMs, () =>
      this.sweep(),
    );
  }

  /** Rows committed whose enqueue failed, waiting for the queue backend to come back. */
  get backlogged(): boolean {
    return this.unrelayed;
  }

  /** Rows pending since more than a sweep period: enqueued again unless their job is alive. */
  sweep(): Promise<void> {
    return this.pass({ dueForMs: this.config.sweepIntervalMs, retryFailedClaims: false });
  }

  /**
   * Every pending row, due or scheduled, enqueued again unless its job is alive: what an outage
   * may have left behind (a failed enqueue; jobs lost with a Redis that kept no data).
   */
  heal(afterDatabaseOutage = false): Promise<void> {
    return this.pass({ dueForMs: undefined, retryFailedClaims: afterDatabaseOutage });
  }

  private onBackendReady(): void {
    if (!this.backendLost && !this.unrelayed) return;
    this.backendLost = false;
    void this.heal();
  }

  /** One pass at a time; one asked for meanwhile runs next (healing wins over a sweep). */
  private async pass(pass: Pass): Promise<void> {
    if (this.running) {
      if (!this.nextPass || this.nextPass.dueForMs !== undefined) this.nextPass = pass;
      else this.nextPass.retryFailedClaims ||= pass.retryFailedClaims;
      return;
    }
    this.running = true;
    try {
      for (let next: Pass | undefined = pass; next; next = this.nextPass) {
        this.nextPass = undefined;
        await this.runPass(next);
      }
    } finally {
      this.running = false;
    }
  }

  private async runPass(pass: Pass): Promise<void> {
    const healing = pass.dueForMs === undefined;
    if (healing) this.unrelayed = false;
    try {
      let after: { sendAt: Date; id: string } | undefined;
      for (;;) {
        const rows = await this.pendingRows(pass, after);
        const free = await Promise.all(rows.map((row) => this.readyOwnJob(row, pass)));
        if (!(await this.enqueue(rows.filter((_row, index) => free[index])))) {
          throw new Error('the queue backend is unreachable');
        }
        if (!healing || rows.length < SWEEP_BATCH) break;
        after = rows[rows.length - 1];
      }
    } catch (error) {
      this.unrelayed = true;
      this.logger.warn(
        `outbox ${healing ? 'healing' : 'sweep'} failed: ${(error as Error).message}`,
      );
    }
  }

  private pendingRows(pass: Pass, after?: { sendAt: Date; id: string }): Promise<PendingRow[]> {
    return queryRows<PendingRow>(
      this.db.manager,
      `SELECT id, channel, send_at AS "sendAt", attempts,
              CASE WHEN attempt_started_at IS NOT NULL THEN claimed_by END AS holder
         FROM notification
        WHERE status = 'pending'
          AND ($1::float8 IS NULL OR send_at < now() - $1 * interval '1 millisecond')
          AND ($2::timestamptz IS NULL OR (send_at, id) > ($2, $3::uuid))
        ORDER BY send_at, id LIMIT ${SWEEP_BATCH}`,
      [pass.dueForMs ?? null, after?.sendAt ?? null, after?.id ?? null],
    );
  }

  /** Notifications arrive one per row; a burst is enqueued with one call per channel and slice. */
  private onCommitted(payload: string): void {
    const row = parseOutboxNotice(payload);
    if (!row) {
      this.logger.warn('ignored a malformed outbox notification');
      return;
    }
    if (this.notified.length === 0) {
      if (this.gatherMs > 0) setTimeout(() => void this.relayNotified(), this.gatherMs);
      else setImmediate(() => void this.relayNotified());
    }
    this.notified.push(row);
  }

  private async relayNotified(): Promise<void> {
    const rows = this.notified.splice(0);
    const due = this.gatherMs > 0 ? await this.fastChannelRows() : 'alone';
    // A row that fails stays pending; healing enqueues it when the backend is back.
    if (!(await this.enqueue(rows, due))) this.unrelayed = true;
  }

  /**
   * The due rows of a fast channel are put in batches by one instance, the one that holds the lock;
   * the others leave them to it (a batch has no id that two instances would both give it). Every
   * instance enqueues the other rows, whose jobs' ids make that harmless.
   */
  private async fastChannelRows(): Promise<DueRows> {
    return (await this.listener.holds(LockId.OutboxBatchRelay)) ? 'batched' : 'left';
  }

  /**
   * Readies a pending row for its own job, and answers whether to enqueue it: not while a live
   * batch job holds its attempt. A row held by a batch job that is gone (failed, or lost with
   * Redis's data) is handed to its own job, which takes the attempt up as of unknown outcome. A
   * finished job for the row would block its deterministic id: it is removed. After a database
   * outage, a job waiting out its backoff for claims that never reached the database (its attempts
   * outnumber the row's) runs now.
   */
  private async readyOwnJob(row: PendingRow, pass: Pass): Promise<boolean> {
    const queue = this.queues[row.channel];
    const jobId = sendJobId(row.id);
    if (row.holder && isBatchJobId(row.holder)) {
      if (!DEAD_STATES.has(await queue.getJobState(row.holder))) return false;
      await queryRows(
        this.db.manager,
        `UPDATE notification SET claimed_by = $2 WHERE id = $1 AND claimed_by = $3`,
        [row.id, jobId, row.holder],
      );
    }
    const state = await this.channelQueues.clearFinished(row.channel, jobId);
    if (pass.retryFailedClaims && state === 'delayed' && row.sendAt.getTime() <= Date.now()) {
      const job = await Job.fromId<SendNotificationJob>(queue, jobId);
      if (job && job.attemptsMade > row.attempts) await job.promote();
    }
    return true;
  }

  /**
   * Adds the rows' jobs; answers whether every channel's calls succeeded. The due rows of a fast
   * channel go several to a job (`batched`), or to another instance (`left`); every other row has
   * its own job, whose id makes enqueueing it again harmless.
   */
  private async enqueue(rows: OutboxRow[], due: DueRows = 'alone'): Promise<boolean> {
    let enqueued = true;
    const now = Date.now();
    for (const channel of Object.keys(this.queues) as NotificationChannel[]) {
      const { batchSize } = this.paces[channel];
      const jobs = jobsOf(
        rows.filter((row) => row.channel === channel),
        batchSize > 1 ? due : 'alone',
        { batchSize, now, attempts: this.config.notificationAttempts },
      );
      for (let first = 0; first < jobs.length; first += ENQUEUE_SLICE) {
        try {
          await this.queues[channel].addBulk(jobs.slice(first, first + ENQUEUE_SLICE));
        } catch (error) {
          enqueued = false;
          this.logger.warn(
            `could not enqueue ${jobs.length - first} ${channel} job(s): ${(error as Error).message}`,
          );
          break;
        }
      }
    }
    return enqueued;
  }
}
