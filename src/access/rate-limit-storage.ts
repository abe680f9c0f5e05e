import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the guard reads of a hit (the library does not export its name). */
type HitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One key's hits: the expiry time of each, oldest first, from `head` on. */
interface Window {
  expiries: number[];
  head: number;
  blockedUntil: number;
}

/** Compacting a window's array past this many expired entries costs less than keeping them. */
const COMPACT_AFTER = 1024;

/**
 * The rate limit's counts, in memory: the hits of each key in the last `ttl`, and a block of
 * `blockDuration` once a key goes over its limit. Which requests pass, the hits counted and the
 * Retry-After of a blocked one are those of @nestjs/throttler's default storage (the spec compares
 * them), but that storage copies a key's whole list of hits at every request (a filter over a
 * minute of them: 78,000 at 1,300 requests a second), so a request cost more the busier its key.
 * Here expired hits are stepped over from the oldest: the same cost whatever the rate. Idle keys
 * are dropped by the requests themselves, once per `ttl` at most. `timeToExpire` (the
 * X-RateLimit-Reset header) is when the oldest counted hit leaves the window, that is when the
 * key has one more request left, rather than the end of a fixed window.
 */
export class RateLimitStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly clock: () => number = Date.now) {}

  /** Keys held in memory. */
  get size(): number {
    return this.windows.size;
  }

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<HitRecord> {
    // The guard passes the ttl when no block duration is configured; without one, a key over
    // its limit would be let through at once.
    if (!(blockDuration > 0)) throw new Error('RateLimitStorage needs a positive blockDuration');
    const now = this.clock();
    this.sweep(now, ttl);
    const id = `${throttlerName}:${key}`;
    let window = this.windows.get(id);
    if (!window) {
      window = { expiries: [], head: 0, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    dropExpired(window, now);
    if (window.blockedUntil !== 0 && window.blockedUntil <= now) {
      // The block is over: the key starts afresh with this request.
      window.expiries.length = 0;
      window.head = 0;
      window.blockedUntil = 0;
    }
    if (window.blockedUntil === 0) {
      window.expiries.push(now + ttl);
      if (hits(window) > limit) window.blockedUntil = now + blockDuration;
    }
    const oldest = window.expiries[window.head];
    return Promise.resolve({
      totalHits: hits(window),
      timeToExpire: seconds(oldest === undefined ? ttl : oldest - now),
      isBlocked: window.blockedUntil !== 0,
      timeToBlockExpire: window.blockedUntil === 0 ? 0 : seconds(window.blockedUntil - now),
    });
  }

  /** Keys with no live hit and no block, dropped once per `ttl` at most. */
  private sweep(now: number, ttl: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + ttl;
    for (const [id, window] of this.windows) {
      dropExpired(window, now);
      if (hits(window) === 0 && window.blockedUntil <= now) this.windows.delete(id);
    }
  }
}

function hits(window: Window): number {
  return window.expiries.length - window.head;
}

function dropExpired(window: Window, now: number): void {
  const { expiries } = window;
  while (window.head < expiries.length && expiries[window.head] <= now) window.head += 1;
  if (window.head > COMPACT_AFTER && window.head * 2 > expiries.length) {
    window.expiries = expiries.slice(window.head);
    window.head = 0;
  }
}

function seconds(ms: number): number {
  return Math.ceil(ms / 1000);
}
