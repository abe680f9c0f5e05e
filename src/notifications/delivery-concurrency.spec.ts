import { deliveryConcurrency } from './delivery-concurrency';

describe('deliveryConcurrency', () => {
  it('runs a second of the rate limit at once', () => {
    expect(deliveryConcurrency(10)).toBe(10);
    expect(deliveryConcurrency(50)).toBe(50);
  });

  it('keeps at least 8 in flight and at most 128', () => {
    expect(deliveryConcurrency(1)).toBe(8);
    expect(deliveryConcurrency(10_000)).toBe(128);
  });
});
