import { nextAttemptDelay, retryDelay } from './retry-backoff';

describe('retryDelay', () => {
  it('doubles from the base delay', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((n) => retryDelay(n, 30_000, middle))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
  });

  it('jitters by a quarter either way', () => {
    expect(retryDelay(3, 1000, () => 0)).toBe(3000);
    expect(retryDelay(3, 1000, () => 1)).toBe(5000);
  });

  it('spreads 8 attempts over about an hour with the defaults', () => {
    const total = [1, 2, 3, 4, 5, 6, 7].reduce(
      (sum, n) => sum + retryDelay(n, 30_000, () => 0.5),
      0,
    );
    expect(total / 60_000).toBeGreaterThan(55);
    expect(total / 60_000).toBeLessThan(70);
  });
});

describe('nextAttemptDelay', () => {
  it('waits as long as the provider asked when that is longer', () => {
    expect(nextAttemptDelay(1, 100, 5000, () => 0.5)).toBe(5000);
    expect(nextAttemptDelay(1, 100, undefined, () => 0.5)).toBe(100);
    expect(nextAttemptDelay(4, 100, 50, () => 0.5)).toBe(800);
  });
});
