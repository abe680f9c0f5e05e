import type { NotificationChannel } from '../notification.entity';
import { EMAIL_TEMPLATES, type EmailContent } from './email-templates';
import { renderSms, SMS_TEMPLATES } from './sms-templates';
import { TemplateError, TemplateParams } from './template-params';
import { TEMPLATE_NAMES, type TemplateName } from './template-name';
import { WEBHOOK_TEMPLATES, type WebhookContent } from './webhook-templates';

export type RenderedMessage =
  | { channel: 'sms'; text: string }
  | ({ channel: 'email' } & EmailContent)
  | ({ channel: 'webhook' } & WebhookContent)
  /** INT_R03: the FHIR body is built by the channel, at send time, from the appointment's row. */
  | { channel: 'sas' };

/** The only template of the `sas` channel: the appointment as it is now. */
export const SAS_APPOINTMENT_TEMPLATE = 'sas.appointment';

const TABLES = { sms: SMS_TEMPLATES, email: EMAIL_TEMPLATES, webhook: WEBHOOK_TEMPLATES };

function lookup<T>(table: Partial<Record<TemplateName, T>>, template: string): T | undefined {
  return (TEMPLATE_NAMES as readonly string[]).includes(template)
    ? table[template as TemplateName]
    : undefined;
}

/** Whether a template has a text for a channel (checked when a notification is requested). */
export function templateSupports(template: string, channel: NotificationChannel): boolean {
  if (channel === 'sas') return template === SAS_APPOINTMENT_TEMPLATE;
  return lookup<unknown>(TABLES[channel], template) !== undefined;
}

function pick<T>(table: Partial<Record<TemplateName, T>>, template: string, channel: string): T {
  const found = lookup(table, template);
  if (found === undefined)
    throw new TemplateError(`template ${template} has no ${channel} version`);
  return found;
}

/** The message as it leaves, rendered at send time from the stored parameters. */
export function renderMessage(
  channel: NotificationChannel,
  template: string,
  values: Record<string, unknown>,
): RenderedMessage {
  const params = new TemplateParams(template, values);
  switch (channel) {
    case 'sms':
      return { channel, text: renderSms(pick(SMS_TEMPLATES, template, channel), params) };
    case 'email':
      return { channel, ...pick(EMAIL_TEMPLATES, template, channel)(params) };
    case 'webhook':
      return { channel, ...pick(WEBHOOK_TEMPLATES, template, channel)(params) };
    case 'sas':
      if (template !== SAS_APPOINTMENT_TEMPLATE) {
        throw new TemplateError(`template ${template} has no ${channel} version`);
      }
      return { channel };
  }
}
