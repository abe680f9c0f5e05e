import type { Notification } from '../notification.entity';
import type { RenderedMessage } from '../templates/render-message';

export interface Delivery {
  providerMessageId: string;
}

/** A way out for one kind of message; throws a DeliveryError (see delivery-error.ts) on failure. */
export interface DeliveryChannel<M extends RenderedMessage = RenderedMessage> {
  deliver(notification: Notification, message: M): Promise<Delivery>;
  /**
   * For a provider that can say so: the earlier send of this notification, when a previous
   * attempt of unknown outcome was in fact accepted. Lets a retry avoid sending twice.
   */
  findAccepted?(notification: Notification): Promise<Delivery | undefined>;
}

export type SmsMessage = Extract<RenderedMessage, { channel: 'sms' }>;
export type EmailMessage = Extract<RenderedMessage, { channel: 'email' }>;
export type WebhookMessage = Extract<RenderedMessage, { channel: 'webhook' }>;
