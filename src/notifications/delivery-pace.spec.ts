import fc from 'fast-check';

import { deliveryConcurrency, deliveryPace } from './delivery-pace';

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

describe('deliveryPace', () => {
  it('keeps one message a job at the default limits and up to 199 a second', () => {
    for (const perSecond of [1, 10, 50, 199]) {
      expect(deliveryPace(perSecond)).toEqual({
        batchSize: 1,
        jobsPerSecond: perSecond,
        concurrency: deliveryConcurrency(perSecond),
        gatherMs: 0,
      });
    }
  });

  it('carries up to 100 messages a job on a fast channel, with a second of them in flight', () => {
    expect(deliveryPace(200)).toEqual({
      batchSize: 2,
      jobsPerSecond: 100,
      concurrency: 64,
      gatherMs: 10,
    });
    expect(deliveryPace(10_000)).toEqual({
      batchSize: 100,
      jobsPerSecond: 100,
      concurrency: 2,
      gatherMs: 10,
    });
    expect(deliveryPace(1_000)).toMatchObject({ batchSize: 10, jobsPerSecond: 100 });
  });

  it('never lets the limiter pass more messages than the limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), (perSecond) => {
        const { batchSize, jobsPerSecond } = deliveryPace(perSecond);
        expect(batchSize * jobsPerSecond).toBeLessThanOrEqual(perSecond);
        // and not much fewer: at most a batch's worth below the limit
        expect(batchSize * jobsPerSecond).toBeGreaterThan(perSecond - batchSize);
      }),
    );
  });

  it('gathers rows no longer than one job of the limiter lasts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 10_000 }), (perSecond) => {
        const { gatherMs, jobsPerSecond } = deliveryPace(perSecond);
        expect(gatherMs).toBeGreaterThanOrEqual(1000 / jobsPerSecond);
        expect(gatherMs).toBeLessThanOrEqual(10);
      }),
    );
  });
});
