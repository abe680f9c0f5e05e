import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { PermanentDeliveryError } from '../delivery-error';
import type { Notification } from '../notification.entity';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from '../webhook-signature';
import type { Delivery, DeliveryChannel, WebhookMessage } from './delivery-channel';
import { callProvider } from './provider-call';

/**
 * A signed JSON POST to the URL the platform token has now. A platform cannot be asked whether it
 * got a delivery, so a retry after an unknown outcome resends: at least once, with the same
 * X-CPTS-Delivery id for the platform to drop duplicates.
 */
@Injectable()
export class WebhookChannel implements DeliveryChannel<WebhookMessage> {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  async deliver(notification: Notification, message: WebhookMessage): Promise<Delivery> {
    const [target] = await this.db.system((manager) =>
      queryRows<{ url: string; secret: string }>(
        manager,
        `SELECT webhook_url AS url, webhook_secret AS secret FROM access_token
          WHERE id = $1 AND cpts_id = $2 AND revoked_at IS NULL AND webhook_url IS NOT NULL`,
        [notification.recipient, notification.cptsId],
      ),
    );
    if (!target) throw new PermanentDeliveryError('the platform no longer has a webhook');
    const body = JSON.stringify(message.body);
    const timestamp = Math.floor(Date.now() / 1000);
    await callProvider(
      'webhook',
      target.url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cpts-orientation',
          'X-CPTS-Event': message.event,
          'X-CPTS-Delivery': notification.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, body),
        },
        body,
      },
      this.config.notificationTimeoutMs,
    );
    return { providerMessageId: `webhook-${notification.id}` };
  }
}
