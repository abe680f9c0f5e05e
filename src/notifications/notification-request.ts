import type { NotificationChannel } from './notification.entity';
import type { TemplateMessage, TemplateName } from './templates/template-catalogue';

/**
 * A message to send, as a change in the domain asks for it (see NotificationsService.request):
 * a template of the catalogue with its own parameters, checked when it compiles. The template
 * must have a version for the channel. Parameters are rendered at send time; never clinical data.
 */
export type NotificationRequest<K extends TemplateName = TemplateName> = TemplateMessage<K> & {
  channel: NotificationChannel;
  /** E.164 phone, e-mail address, or for a webhook the id of the platform's access token. */
  recipient: string;
  requestId?: string;
  /** Not before this time (the reminder); now when absent. */
  sendAt?: Date;
  /** At most one notification per CPTS with this key: repeating the request is harmless. */
  dedupeKey?: string;
};
