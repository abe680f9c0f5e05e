import { randomUUID } from 'node:crypto';

import type { JobsOptions } from 'bullmq';

import type { NotificationChannel } from './notification.entity';
import type { OutboxRow } from './outbox-notice';

/** Ticks of the features' scheduled messages (nudges, digests); also what health checks probe. */
export const NOTIFICATION_QUEUE = 'notifications';

/** One delivery queue per channel, so that each has its own rate limit. */
export const CHANNEL_QUEUES: Record<NotificationChannel, string> = {
  sms: 'notifications-sms',
  email: 'notifications-email',
  webhook: 'notifications-webhook',
  sas: 'notifications-sas',
};

/**
 * The only thing a job carries: the ids of outbox rows. A row's own job (`notification-<id>`) has
 * one; a batch job (`batch-<uuid>`, fast channels only: `deliveryPace`) has several.
 */
export type SendNotificationJob = { notificationId: string } | { notificationIds: string[] };

/** The backoff type our workers compute (see retry-backoff.ts). */
export const NOTIFICATION_BACKOFF = 'notification';

const BATCH_JOB_PREFIX = 'batch-';

export function sendJobId(notificationId: string): string {
  return `notification-${notificationId}`;
}

export function isBatchJobId(jobId: string): boolean {
  return jobId.startsWith(BATCH_JOB_PREFIX);
}

/** The rows a job carries. */
export function jobNotificationIds(job: SendNotificationJob): string[] {
  return 'notificationIds' in job ? job.notificationIds : [job.notificationId];
}

/** One job per outbox row, whoever enqueues it and however often. */
export function sendJobOptions(
  notificationId: string,
  attempts: number,
  delay: number,
): JobsOptions {
  return {
    jobId: sendJobId(notificationId),
    attempts,
    delay: Math.max(delay, 0),
    backoff: { type: NOTIFICATION_BACKOFF },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * A batch of due rows. Its id is new each time: a row enqueued twice may be in two jobs, and the
 * claim (`claimed_by`) lets only one of them send it. Its attempts retry the batch's claim when
 * PostgreSQL is unreachable; a row that fails once it is claimed goes on in its own job.
 */
export function batchJobOptions(attempts: number): JobsOptions {
  return {
    jobId: `${BATCH_JOB_PREFIX}${randomUUID()}`,
    attempts,
    backoff: { type: NOTIFICATION_BACKOFF },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/** What becomes of a fast channel's due rows: batch jobs, another instance's, or a job each. */
export type DueRows = 'batched' | 'left' | 'alone';

/** A job as `Queue.addBulk` takes it. */
export interface SendJob {
  name: 'send';
  data: SendNotificationJob;
  opts: JobsOptions;
}

/**
 * A channel's rows as jobs: the due ones as `due` says (up to `batchSize` a job when batched), the
 * scheduled ones each in its own job, delayed until their time.
 */
export function jobsOf(
  rows: readonly OutboxRow[],
  due: DueRows,
  { batchSize, now, attempts }: { batchSize: number; now: number; attempts: number },
): SendJob[] {
  const isDue = (row: OutboxRow) => row.sendAt.getTime() <= now;
  const batched = due === 'batched' ? rows.filter(isDue) : [];
  const alone = due === 'alone' ? rows : rows.filter((row) => !isDue(row));
  const jobs: SendJob[] = [];
  for (let first = 0; first < batched.length; first += batchSize) {
    const ids = batched.slice(first, first + batchSize).map((row) => row.id);
    jobs.push({ name: 'send', data: { notificationIds: ids }, opts: batchJobOptions(attempts) });
  }
  for (const row of alone) {
    jobs.push({
      name: 'send',
      data: { notificationId: row.id },
      opts: sendJobOptions(row.id, attempts, row.sendAt.getTime() - now),
    });
  }
  return jobs;
}
