import { randomUUID } from 'node:crypto';

import { Injectable, Logger } from '@nestjs/common';

import { smsSize } from '../gsm7';
import type { Notification } from '../notification.entity';
import type { RenderedMessage } from '../templates/render-message';
import type { Delivery, DeliveryChannel } from './delivery-channel';

/** Development channel: records that a message would have left, never what it says or to whom. */
@Injectable()
export class LogChannel implements DeliveryChannel {
  private readonly logger = new Logger('LogChannel');

  deliver(notification: Notification, message: RenderedMessage): Promise<Delivery> {
    const providerMessageId = `log-${randomUUID()}`;
    this.logger.log(
      {
        notificationId: notification.id,
        channel: notification.channel,
        template: notification.template,
        ...(message.channel === 'sms' ? { segments: smsSize(message.text).segments } : {}),
      },
      'notification delivered to the log channel',
    );
    return Promise.resolve({ providerMessageId });
  }
}
