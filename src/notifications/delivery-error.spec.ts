import {
  httpFailure,
  parseRetryAfter,
  PermanentDeliveryError,
  RetryableDeliveryError,
  retryAfterOf,
  smtpFailure,
} from './delivery-error';

const now = new Date('2025-05-14T10:00:00Z');

describe('httpFailure', () => {
  it.each([429, 500, 502, 503, 504])('retries HTTP %i', (status) => {
    expect(httpFailure('Brevo', status, null, now)).toBeInstanceOf(RetryableDeliveryError);
  });

  it.each([400, 401, 402, 403, 404, 410, 422])('gives up at once on HTTP %i', (status) => {
    expect(httpFailure('Brevo', status, null, now)).toBeInstanceOf(PermanentDeliveryError);
  });

  it('carries the wait a 429 asked for', () => {
    const error = httpFailure('Brevo', 429, '12', now) as RetryableDeliveryError;
    expect(error.hints.retryAfterMs).toBe(12_000);
    expect(error.message).toBe('Brevo answered HTTP 429');
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, capped at an hour, never negative', () => {
    expect(parseRetryAfter('30', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 14 May 2025 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('Wed, 14 May 2025 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('smtpFailure', () => {
  it('gives up on 5xx replies and refused envelopes', () => {
    expect(smtpFailure({ message: 'x', responseCode: 550 })).toBeInstanceOf(PermanentDeliveryError);
    expect(smtpFailure({ message: 'x', code: 'EENVELOPE' })).toBeInstanceOf(PermanentDeliveryError);
  });

  it('retries 4xx replies and network errors, noting when the outcome is unknown', () => {
    expect(smtpFailure({ message: 'x', responseCode: 451 })).toBeInstanceOf(RetryableDeliveryError);
    const refused = smtpFailure({ message: 'x', code: 'ECONNREFUSED' }) as RetryableDeliveryError;
    expect(refused.hints.uncertain).toBe(false);
    const lost = smtpFailure({ message: 'x', code: 'ETIMEDOUT' }) as RetryableDeliveryError;
    expect(lost.hints.uncertain).toBe(true);
  });
});

describe('retryAfterOf', () => {
  it('reads the wait a retryable error carries, and nothing from any other', () => {
    expect(retryAfterOf(new RetryableDeliveryError('429', { retryAfterMs: 1500 }))).toBe(1500);
    expect(retryAfterOf(new RetryableDeliveryError('503'))).toBeUndefined();
    expect(retryAfterOf(new PermanentDeliveryError('400'))).toBeUndefined();
    expect(retryAfterOf(new Error('bug'))).toBeUndefined();
  });
});
