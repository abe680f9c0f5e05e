import { randomUUID } from 'node:crypto';

import type { JobsOptions } from 'bullmq';

import type { NotificationChannel } from './notification.entity';

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
