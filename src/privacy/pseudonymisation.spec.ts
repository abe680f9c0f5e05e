import { purgeCutoff } from './pseudonymisation';

describe('purgeCutoff', () => {
  it('is now minus the retention', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    expect(purgeCutoff(now, 90 * 86_400_000).toISOString()).toBe('2026-03-03T00:00:00.000Z');
  });
});
