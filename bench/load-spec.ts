import type { RequestTarget } from './dataset';

/** What the load client (its own process) is asked to send. */
export interface LoadSpec {
  url: string;
  /** `empty`: GET /health/live, what the framework costs a request that does nothing. */
  kind: 'urgent-request' | 'availability' | 'empty';
  connections: number;
  /** Run for this long, or send exactly `amount` requests. */
  durationSeconds?: number;
  amount?: number;
  targets: RequestTarget[];
}

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
  /** Urgent requests answered `booked` (the others are filed `pending`). */
  booked: number;
  /** Connections that failed (reset, refused) and requests that timed out, counted apart. */
  socketErrors: number;
  timeouts: number;
}

/** The p-th percentile (0-100) of sorted values, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
