import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';

import type { NotificationChannel } from './notification.entity';
import { CHANNEL_QUEUES, type SendNotificationJob } from './notification-queue';

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
}
