import type { AppConfig } from '../config/app-config';
import type { NotificationChannel } from './notification.entity';

/** Today's floor: what a default limit (10 a second) has always had. */
const MIN_IN_FLIGHT = 8;
/** Bounds the messages one worker holds (their rows, renders, and PostgreSQL waits on failures). */
const MAX_IN_FLIGHT = 128;
/** A channel whose limit lets fewer jobs than this a second go through carries one message a job. */
const JOBS_PER_SECOND = 100;
/** The most messages one job carries: one claim and one record statement each. */
const MAX_BATCH = 100;

/**
 * How many of a channel's sends one worker runs at once: a second's worth of its rate limit, so
 * that the limit, not the wait for each provider call (or for each commit), is what bounds a
 * burst. Each job's claim and record share statements with the others in flight, so more in flight
 * also means fewer statements per message.
 */
export function deliveryConcurrency(perSecond: number): number {
  return Math.min(MAX_IN_FLIGHT, Math.max(MIN_IN_FLIGHT, Math.ceil(perSecond)));
}

/** How a channel's due messages travel through its queue at a limit of `perSecond`. */
export interface DeliveryPace {
  /** Messages one job carries at most: 1 below 200 a second, so every default limit keeps one. */
  batchSize: number;
  /** The queue's limiter, in jobs: `batchSize` of them make at most `perSecond` messages. */
  jobsPerSecond: number;
  /** Jobs a worker runs at once: about a second's worth of messages, as `deliveryConcurrency`. */
  concurrency: number;
  /**
   * How long the relay gathers the channel's committed rows before it enqueues them (0: at once):
   * a job's worth of the limiter's interval, so that rows committed one by one still make full
   * batches, and the limiter, which counts jobs, does not hold back fewer messages than the limit.
   */
  gatherMs: number;
}

/**
 * Above 200 messages a second, a job carries several (up to 100): BullMQ's work per job (add,
 * fetch, lock, finish), which is most of a message's cost on a fast channel, is then shared. The
 * limiter counts jobs, so it lets `perSecond / batchSize` of them a second.
 */
export function deliveryPace(perSecond: number): DeliveryPace {
  const batchSize = Math.min(MAX_BATCH, Math.max(1, Math.floor(perSecond / JOBS_PER_SECOND)));
  const jobsPerSecond = Math.max(1, Math.floor(perSecond / batchSize));
  return {
    batchSize,
    jobsPerSecond,
    concurrency: Math.ceil(deliveryConcurrency(perSecond) / batchSize),
    gatherMs: batchSize > 1 ? Math.ceil(1000 / jobsPerSecond) : 0,
  };
}

/** Each channel's pace at its configured limit. */
export function channelPaces(
  config: Pick<AppConfig, 'smsPerSecond' | 'emailPerSecond' | 'webhookPerSecond'>,
): Record<NotificationChannel, DeliveryPace> {
  return {
    sms: deliveryPace(config.smsPerSecond),
    email: deliveryPace(config.emailPerSecond),
    webhook: deliveryPace(config.webhookPerSecond),
    sas: deliveryPace(config.webhookPerSecond),
  };
}
