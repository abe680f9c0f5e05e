import { createHmac } from 'node:crypto';

import { verifyWebhookSignature, webhookSignature } from './webhook-signature';

const body = '{"event":"request.status_changed"}';
const now = new Date('2025-05-14T10:00:00Z');
const timestamp = Math.floor(now.getTime() / 1000);

describe('webhook signature', () => {
  it('is HMAC-SHA256 over the timestamp, a dot and the body', () => {
    const hex = createHmac('sha256', 'secret').update(`${timestamp}.${body}`).digest('hex');
    expect(webhookSignature('secret', timestamp, body)).toBe(`sha256=${hex}`);
  });

  it('verifies a fresh delivery and refuses a changed body, another secret or an old timestamp', () => {
    const signature = webhookSignature('secret', timestamp, body);
    expect(verifyWebhookSignature('secret', String(timestamp), body, signature, now)).toBe(true);
    expect(verifyWebhookSignature('secret', String(timestamp), `${body} `, signature, now)).toBe(
      false,
    );
    expect(verifyWebhookSignature('other', String(timestamp), body, signature, now)).toBe(false);
    const later = new Date(now.getTime() + 301_000);
    expect(verifyWebhookSignature('secret', String(timestamp), body, signature, later)).toBe(false);
  });
});
