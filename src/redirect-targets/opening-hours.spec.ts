import { type OpeningSpan, openNow, pdsaNow } from './opening-hours';

/** An instant given in Paris wall-clock time with its offset. */
const at = (iso: string) => new Date(iso);

describe('pdsaNow', () => {
  it.each([
    ['a Tuesday at 19:59', '2026-03-10T19:59:00+01:00', false],
    ['a Tuesday at 20:00', '2026-03-10T20:00:00+01:00', true],
    ['a Wednesday at 07:59', '2026-03-11T07:59:00+01:00', true],
    ['a Wednesday at 08:00', '2026-03-11T08:00:00+01:00', false],
    ['a Saturday at 11:59', '2026-03-14T11:59:00+01:00', false],
    ['a Saturday at 12:00', '2026-03-14T12:00:00+01:00', true],
    ['a Sunday at noon', '2026-03-15T12:00:00+01:00', true],
    ['a Monday at 07:30 after the Sunday', '2026-03-16T07:30:00+01:00', true],
    ['Whit Monday at 10:00', '2026-05-25T10:00:00+02:00', true],
    ['Ascension Thursday at 15:00', '2026-05-14T15:00:00+02:00', true],
    ['the Friday after Ascension at 10:00', '2026-05-15T10:00:00+02:00', false],
    ['14 July at 09:00', '2026-07-14T09:00:00+02:00', true],
  ])('%s: %s', (_, time, expected) => {
    expect(pdsaNow(at(time))).toBe(expected);
  });

  it('reads the hour in Paris, not in UTC (20:30 Paris is 18:30 UTC in summer)', () => {
    expect(pdsaNow(new Date('2026-06-16T18:30:00Z'))).toBe(true);
    expect(pdsaNow(new Date('2026-06-16T17:30:00Z'))).toBe(false);
  });
});

describe('openNow', () => {
  const mmg: OpeningSpan[] = [
    { weekday: 1, opens: '20:00', closes: '24:00' },
    { weekday: 6, opens: '12:00', closes: '20:00' },
    { weekday: 7, opens: '09:00', closes: '13:00' },
  ];

  it('is open inside a span of the day and closed at its closing minute', () => {
    expect(openNow(mmg, at('2026-03-14T12:00:00+01:00'))).toBe(true);
    expect(openNow(mmg, at('2026-03-14T19:59:00+01:00'))).toBe(true);
    expect(openNow(mmg, at('2026-03-14T20:00:00+01:00'))).toBe(false);
    expect(openNow(mmg, at('2026-03-14T11:00:00+01:00'))).toBe(false);
    expect(openNow(mmg, at('2026-03-09T23:59:00+01:00'))).toBe(true);
  });

  it('follows a span past midnight into the next morning', () => {
    const nights: OpeningSpan[] = [{ weekday: 5, opens: '20:00', closes: '08:00' }];
    expect(openNow(nights, at('2026-03-13T21:00:00+01:00'))).toBe(true);
    expect(openNow(nights, at('2026-03-14T07:59:00+01:00'))).toBe(true);
    expect(openNow(nights, at('2026-03-14T08:00:00+01:00'))).toBe(false);
    expect(openNow(nights, at('2026-03-12T21:00:00+01:00'))).toBe(false);
  });

  it("keeps Sunday's hours on a public holiday", () => {
    expect(openNow(mmg, at('2026-05-14T10:00:00+02:00'))).toBe(true);
    expect(openNow(mmg, at('2026-05-21T10:00:00+02:00'))).toBe(false);
  });

  it('is closed without hours', () => {
    expect(openNow([], at('2026-03-14T12:00:00+01:00'))).toBe(false);
  });
});
