import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['12h', 43_200_000],
    ['2d', 172_800_000],
    ['250ms', 250],
    [' 48h ', 172_800_000],
  ])('reads %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['two days', '48', 'h', '-1h', '1.5h', '', '10y'])('rejects %p', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});
