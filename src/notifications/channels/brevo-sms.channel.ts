import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import type { Notification } from '../notification.entity';
import type { Delivery, DeliveryChannel, SmsMessage } from './delivery-channel';
import { callProvider, parseJsonObject } from './provider-call';

const PROVIDER = 'Brevo';
/** Events that prove Brevo took the message in; `rejected` and `skip` mean it did not. */
const NOT_ACCEPTED = new Set(['rejected', 'skip']);
const DAY_MS = 86_400_000;

interface BrevoEvent {
  tag?: string;
  event?: string;
  messageId?: string | number;
}

/**
 * Brevo's transactional SMS. Each SMS is tagged with its notification id, so that after a send of
 * unknown outcome Brevo's event log tells whether it was accepted before we send again.
 */
@Injectable()
export class BrevoSmsChannel implements DeliveryChannel<SmsMessage> {
  constructor(private readonly config: AppConfig) {}

  async deliver(notification: Notification, message: SmsMessage): Promise<Delivery> {
    const body = await callProvider(
      PROVIDER,
      `${this.baseUrl()}/v3/transactionalSMS/send`,
      {
        method: 'POST',
        headers: this.headers(),
        body: JSON.stringify({
          sender: this.config.smsSender,
          recipient: notification.recipient.replace(/^\+/, ''),
          content: message.text,
          type: 'transactional',
          tag: notification.id,
        }),
      },
      this.config.notificationTimeoutMs,
    );
    return { providerMessageId: this.messageId(parseJsonObject(body).messageId, notification) };
  }

  async findAccepted(notification: Notification): Promise<Delivery | undefined> {
    const days = Math.min(
      Math.ceil((Date.now() - notification.createdAt.getTime()) / DAY_MS) + 1,
      90,
    );
    const query = new URLSearchParams({ tags: notification.id, days: String(days), limit: '100' });
    const body = await callProvider(
      PROVIDER,
      `${this.baseUrl()}/v3/transactionalSMS/statistics/events?${query.toString()}`,
      { headers: this.headers() },
      this.config.notificationTimeoutMs,
    );
    const events = parseJsonObject(body).events;
    const accepted = (Array.isArray(events) ? (events as BrevoEvent[]) : []).find(
      (event) => event.tag === notification.id && !NOT_ACCEPTED.has(event.event ?? ''),
    );
    return accepted
      ? { providerMessageId: this.messageId(accepted.messageId, notification) }
      : undefined;
  }

  private baseUrl(): string {
    return this.config.smsApiUrl.replace(/\/+$/, '');
  }

  private headers(): Record<string, string> {
    return {
      'api-key': this.config.smsApiKey ?? '',
      accept: 'application/json',
      'content-type': 'application/json',
    };
  }

  private messageId(value: unknown, notification: Notification): string {
    return typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : `brevo-${notification.id}`;
  }
}
