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

/** The only thing a job carries: the id of its outbox row. */
export interface SendNotificationJob {
  notificationId: string;
}

/** The backoff type our workers compute (see retry-backoff.ts). */
export const NOTIFICATION_BACKOFF = 'notification';

export function sendJobId(notificationId: string): string {
  return `notification-${notificationId}`;
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
