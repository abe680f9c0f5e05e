import type { Renderers } from './template-params';

export interface WebhookContent {
  event: string;
  body: Record<string, unknown>;
}

export const WEBHOOK_TEMPLATES: Renderers<WebhookContent> = {
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
