import { ThrottlerStorageService } from '@nestjs/throttler';
import fc from 'fast-check';

import { RateLimitStorage } from './rate-limit-storage';

const TTL = 60_000;
const BLOCK = 60_000;

function storageAt(start = 1_000_000) {
  const clock = { now: start };
  const storage = new RateLimitStorage(() => clock.now);
  const hit = (key = 'token', limit = 3) => storage.increment(key, TTL, limit, BLOCK, 'default');
  return { clock, storage, hit };
}

describe('RateLimitStorage', () => {
  it('counts a key’s hits of the last ttl and blocks the one past the limit', async () => {
    const { hit } = storageAt();
    expect((await hit()).totalHits).toBe(1);
    expect((await hit()).totalHits).toBe(2);
    expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: false, timeToBlockExpire: 0 });
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 60 });
  });

  it('does not count blocked requests, and starts the key afresh when the block ends', async () => {
    const { clock, hit } = storageAt();
    for (let i = 0; i < 4; i++) await hit();
    clock.now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 4, isBlocked: true, timeToBlockExpire: 30 });
    clock.now += 30_000;
    expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('lets each hit leave the window on its own', async () => {
    const { clock, hit } = storageAt();
    await hit();
    clock.now += 20_000;
    await hit();
    clock.now += 40_000;
    // The first hit has left the window; the second and this one remain.
    expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false, timeToExpire: 20 });
  });

  it('keeps keys and throttlers apart', async () => {
    const { storage, hit } = storageAt();
    for (let i = 0; i < 4; i++) await hit('a');
    expect((await hit('b')).isBlocked).toBe(false);
    expect((await storage.increment('a', TTL, 3, BLOCK, 'other')).isBlocked).toBe(false);
  });

  it('drops idle keys, but not blocked ones', async () => {
    const { clock, storage, hit } = storageAt();
    await hit('idle');
    for (let i = 0; i < 4; i++) await storage.increment('blocked', TTL, 3, 2 * TTL, 'default');
    clock.now += TTL;
    await hit('another');
    // 'idle' had its only hit leave the window; 'blocked' is blocked for another minute.
    expect(storage.size).toBe(2);
    expect((await storage.increment('blocked', TTL, 3, 2 * TTL, 'default')).isBlocked).toBe(true);
  });

  it('refuses to run without a block duration, which would let an over-limit key through', () => {
    expect(() => new RateLimitStorage().increment('k', TTL, 3, 0, 'default')).toThrow(
      /blockDuration/,
    );
  });

  it('lets the same requests through as @nestjs/throttler’s own storage', async () => {
    const steps = fc.array(
      fc.record({ key: fc.constantFrom('a', 'b'), advanceMs: fc.integer({ min: 0, max: 4_000 }) }),
      { minLength: 1, maxLength: 120 },
    );
    await fc.assert(
      fc.asyncProperty(steps, fc.integer({ min: 1, max: 8 }), async (sequence, limit) => {
        const clock = { now: 1_700_000_000_000 };
        const ours = new RateLimitStorage(() => clock.now);
        const theirs = new ThrottlerStorageService();
        const now = jest.spyOn(Date, 'now').mockImplementation(() => clock.now);
        try {
          for (const { key, advanceMs } of sequence) {
            clock.now += advanceMs;
            const mine = await ours.increment(key, 10_000, limit, 7_000, 'default');
            const reference = await theirs.increment(key, 10_000, limit, 7_000, 'default');
            expect(mine.isBlocked).toBe(reference.isBlocked);
            expect(mine.totalHits).toBe(reference.totalHits);
            if (mine.isBlocked) expect(mine.timeToBlockExpire).toBe(reference.timeToBlockExpire);
          }
        } finally {
          now.mockRestore();
          theirs.onApplicationShutdown();
        }
      }),
      { numRuns: 300 },
    );
  });
});
