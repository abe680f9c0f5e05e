import type { TemplateParams } from './template-params';
import type { TemplateName } from './template-name';

export interface WebhookContent {
  event: string;
  body: Record<string, unknown>;
}

type WebhookTemplate = (params: TemplateParams) => WebhookContent;

export const WEBHOOK_TEMPLATES: Partial<Record<TemplateName, WebhookTemplate>> = {
  'platform.status_changed': (params) => ({
    event: 'request.status_changed',
    body: {
      event: 'request.status_changed',
      requestId: params.text('requestId'),
      reference: params.text('reference'),
      status: params.text('status'),
      at: params.instant('at').toUTC().toISO(),
    },
  }),
};
