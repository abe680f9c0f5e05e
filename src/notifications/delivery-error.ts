/** Retrying cannot help: a refused number or address, a request the provider rejects as invalid. */
export class PermanentDeliveryError extends Error {}

export interface RetryHints {
  /** The provider asked to wait at least this long (HTTP Retry-After). */
  retryAfterMs?: number;
  /** The provider may have accepted the message (timeout, connection lost after sending). */
  uncertain?: boolean;
}

/** Worth another attempt later: throttling, a provider outage, a timeout. */
export class RetryableDeliveryError extends Error {
  constructor(
    message: string,
    readonly hints: RetryHints = {},
  ) {
    super(message);
  }
}

/** The wait a provider asked for before the next attempt, if the error carries one. */
export function retryAfterOf(error: unknown): number | undefined {
  return error instanceof RetryableDeliveryError ? error.hints.retryAfterMs : undefined;
}

export type DeliveryError = PermanentDeliveryError | RetryableDeliveryError;

const MAX_RETRY_AFTER_MS = 3_600_000;

/** Retry-After in seconds or as an HTTP date, capped at an hour. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const ms = /^\d+$/.test(value.trim())
    ? Number(value.trim()) * 1000
    : Date.parse(value) - now.getTime();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** An HTTP answer other than 2xx: 429 and 5xx are retried, any other status is final. */
export function httpFailure(
  provider: string,
  status: number,
  retryAfter: string | null,
  now: Date,
): DeliveryError {
  const message = `${provider} answered HTTP ${status}`;
  if (status === 429 || status >= 500) {
    return new RetryableDeliveryError(message, { retryAfterMs: parseRetryAfter(retryAfter, now) });
  }
  return new PermanentDeliveryError(message);
}

/** What nodemailer reports: an SMTP reply code when the server answered, else a socket error. */
export interface SmtpErrorLike {
  message: string;
  code?: string;
  responseCode?: number;
}

/** 5xx SMTP replies and refused envelopes are final; 4xx replies and network errors are retried. */
export function smtpFailure(error: SmtpErrorLike): DeliveryError {
  const { responseCode, code } = error;
  if (code === 'EENVELOPE' || (responseCode !== undefined && responseCode >= 500)) {
    return new PermanentDeliveryError(
      `SMTP refused the message${responseCode ? ` (${responseCode})` : ''}`,
    );
  }
  if (responseCode !== undefined)
    return new RetryableDeliveryError(`SMTP answered ${responseCode}`);
  return new RetryableDeliveryError(`SMTP unreachable (${code ?? 'unknown error'})`, {
    uncertain: code === 'ETIMEDOUT' || code === 'ECONNRESET',
  });
}
