import type { NotificationChannel } from './notification.entity';

/** A message to send, as a change in the domain asks for it (see NotificationsService.request). */
export interface NotificationRequest {
  channel: NotificationChannel;
  /** E.164 phone, e-mail address, or for a webhook the id of the platform's access token. */
  recipient: string;
  /** One of TEMPLATE_NAMES (templates/template-name.ts) that has a version for the channel. */
  template: string;
  /** Rendered into the template at send time; never clinical data. */
  params: Record<string, unknown>;
  requestId?: string;
  /** Not before this time (the reminder); now when absent. */
  sendAt?: Date;
  /** At most one notification per CPTS with this key: repeating the request is harmless. */
  dedupeKey?: string;
}
