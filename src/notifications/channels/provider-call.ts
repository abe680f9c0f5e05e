import { httpFailure, PermanentDeliveryError, RetryableDeliveryError } from '../delivery-error';

/** Errors that prove the request never reached the provider. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : undefined;
}

/**
 * One HTTP call to a provider, bounded in time, its failures classified: non-2xx by status, and a
 * timeout or a lost connection as retryable with an unknown outcome. Returns the response body.
 */
export async function callProvider(
  provider: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<string> {
  try {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw httpFailure(provider, response.status, response.headers.get('retry-after'), new Date());
    }
    return await response.text();
  } catch (error) {
    if (error instanceof PermanentDeliveryError || error instanceof RetryableDeliveryError) {
      throw error;
    }
    const code = causeCode(error) ?? (error instanceof Error ? error.name : 'error');
    throw new RetryableDeliveryError(`${provider} unreachable (${code})`, {
      uncertain: !NOT_SENT.has(code),
    });
  }
}

/** A JSON body, or an empty object when the provider sent none or something else. */
export function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
