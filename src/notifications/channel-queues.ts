import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobState, Queue } from 'bullmq';

import type { NotificationChannel } from './notification.entity';
import { CHANNEL_QUEUES, type SendNotificationJob } from './notification-queue';

const FINISHED_STATES = new Set(['completed', 'failed']);

/** The delivery queue of each channel, for the relay that fills them and the workers that retry. */
@Injectable()
export class ChannelQueues {
  readonly byChannel: Record<NotificationChannel, Queue<SendNotificationJob>>;

  constructor(
    @InjectQueue(CHANNEL_QUEUES.sms) sms: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.email) email: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.webhook) webhook: Queue<SendNotificationJob>,
    @InjectQueue(CHANNEL_QUEUES.sas) sas: Queue<SendNotificationJob>,
  ) {
    this.byChannel = { sms, email, webhook, sas };
  }

  /**
   * Makes way for a row's own job to be added again: a finished one (kept a day, or a week when
   * failed) would hold its id, and BullMQ would ignore the new one. Answers the state it found.
   */
  async clearFinished(channel: NotificationChannel, jobId: string): Promise<JobState | 'unknown'> {
    const queue = this.byChannel[channel];
    const state = await queue.getJobState(jobId);
    if (FINISHED_STATES.has(state)) await queue.remove(jobId);
    return state;
  }
}
