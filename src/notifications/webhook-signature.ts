import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-CPTS-Timestamp';
export const SIGNATURE_HEADER = 'X-CPTS-Signature';

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`), timestamp in Unix seconds. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * What a platform checks on receipt: the signature matches, and the timestamp is recent, so that a
 * captured delivery cannot be replayed later.
 */
export function verifyWebhookSignature(
  secret: string,
  timestamp: string,
  body: string,
  signature: string,
  now: Date,
  toleranceSeconds = 300,
): boolean {
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(now.getTime() / 1000 - seconds) > toleranceSeconds) {
    return false;
  }
  const expected = Buffer.from(webhookSignature(secret, seconds, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
