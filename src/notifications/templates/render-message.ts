import type { NotificationChannel } from '../notification.entity';
import { fitSms } from '../sms-fit';
import { EMAIL_TEMPLATES, type EmailContent } from './email-templates';
import { SMS_TEMPLATES } from './sms-templates';
import type { TemplateName } from './template-catalogue';
import { TEMPLATE_NAMES } from './template-name';
import { type Renderer, type Renderers, TemplateError, TemplateParams } from './template-params';
import { WEBHOOK_TEMPLATES, type WebhookContent } from './webhook-templates';

export type RenderedMessage =
  | { channel: 'sms'; text: string }
  | ({ channel: 'email' } & EmailContent)
  | ({ channel: 'webhook' } & WebhookContent)
  /** INT_R03: the FHIR body is built by the channel, at send time, from the appointment's row. */
  | { channel: 'sas' };

/** The only template of the `sas` channel: the appointment as it is now. */
export const SAS_APPOINTMENT_TEMPLATE = 'sas.appointment' satisfies TemplateName;

const TABLES = { sms: SMS_TEMPLATES, email: EMAIL_TEMPLATES, webhook: WEBHOOK_TEMPLATES };

function noVersion(template: string, channel: NotificationChannel): TemplateError {
  return new TemplateError(`template ${template} has no ${channel} version`);
}

function isTemplateName(template: string): template is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(template);
}

/** Whether a template has a text for a channel (checked when a notification is requested). */
export function templateSupports(template: string, channel: NotificationChannel): boolean {
  if (channel === 'sas') return template === SAS_APPOINTMENT_TEMPLATE;
  return isTemplateName(template) && TABLES[channel][template] !== undefined;
}

/** The channel's version of a stored template, with the stored values to read as it expects. */
function render<K extends TemplateName, Content>(
  table: Renderers<Content>,
  template: K,
  values: Record<string, unknown>,
  channel: NotificationChannel,
): Content {
  const renderer: Renderer<K, Content> | undefined = table[template];
  if (renderer === undefined) throw noVersion(template, channel);
  return renderer(new TemplateParams(template, values));
}

/** The message as it leaves, rendered at send time from the stored parameters. */
export function renderMessage(
  channel: NotificationChannel,
  template: string,
  values: Record<string, unknown>,
): RenderedMessage {
  if (channel === 'sas') {
    if (template !== SAS_APPOINTMENT_TEMPLATE) throw noVersion(template, channel);
    return { channel };
  }
  if (!isTemplateName(template)) throw noVersion(template, channel);
  switch (channel) {
    case 'sms':
      return { channel, text: fitSms(render(SMS_TEMPLATES, template, values, channel)) };
    case 'email':
      return { channel, ...render(EMAIL_TEMPLATES, template, values, channel) };
    case 'webhook':
      return { channel, ...render(WEBHOOK_TEMPLATES, template, values, channel) };
  }
}
