/**
 * The wait before attempt `failedAttempts + 1`: doubling from `baseMs`, with ±25 % jitter so that
 * messages failed together do not come back together. With 8 attempts and 30 s, about an hour.
 */
export function retryDelay(failedAttempts: number, baseMs: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(failedAttempts - 1, 0);
  return Math.round(exponential * (0.75 + random() * 0.5));
}

/** The wait a provider asked for wins when it is longer than our own. */
export function nextAttemptDelay(
  failedAttempts: number,
  baseMs: number,
  retryAfterMs: number | undefined,
  random = Math.random,
): number {
  return Math.max(retryDelay(failedAttempts, baseMs, random), retryAfterMs ?? 0);
}
