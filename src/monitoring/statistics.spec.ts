import { median, oneDecimal, percentile, share } from './statistics';

describe('statistics', () => {
  it('interpolates percentiles between closest ranks, whatever the input order', () => {
    expect(percentile([40, 10, 30, 20], 0.5)).toBe(25);
    expect(percentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 0.9)).toBe(91);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([], 0.5)).toBeNull();
  });

  it('takes the middle value as the median of an odd count', () => {
    expect(median([3, 1, 2])).toBe(2);
  });

  it('gives shares to four decimals, and none of nothing', () => {
    expect(share(1, 3)).toBe(0.3333);
    expect(share(2, 2)).toBe(1);
    expect(share(0, 0)).toBeNull();
  });

  it('rounds to one decimal', () => {
    expect(oneDecimal(12.345)).toBe(12.3);
    expect(oneDecimal(null)).toBeNull();
  });
});
