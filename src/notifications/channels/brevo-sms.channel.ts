import { Injectable } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import type { Notification } from '../notification.entity';
import type { Delivery, DeliveryChannel, SmsMessage } from './delivery-channel';
import { callProvider, parseJsonObject } from './provider-call';

const PROVIDER = 'Brevo';
/**
 * Events saying Brevo did not take the message in: refused, skipped, or the number blocked (the
 * event log spells them `rejected`, `skipped`, `blocked`; its webhooks `skip`). Any other event of
 * the tag (sent, accepted, delivered, a bounce, a reply) means it was sent: not to be sent again.
 */
const NOT_ACCEPTED = new Set(['rejected', 'skipped', 'skip', 'blocked']);
const DAY_MS = 86_400_000;

export interface BrevoEvent {
  tag?: string;
  event?: string;
  messageId?: string | number;
}

/** The first event of Brevo's SMS event log proving it took in the message tagged `tag`. */
export function acceptedEvent(events: unknown, tag: string): BrevoEvent | undefined {
  return (Array.isArray(events) ? (events as BrevoEvent[]) : []).find(
    (event) => event.tag === tag && !NOT_ACCEPTED.has(event.event ?? ''),
  );
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
    const accepted = acceptedEvent(parseJsonObject(body).events, notification.id);
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
