import fc from 'fast-check';
import { DateTime } from 'luxon';

import { PARIS, parisDate, parseRfc3339, toParisIso } from './paris-time';

/** Instants over two centuries, either side of the range the offset cache serves. */
const INSTANTS = fc.date({
  min: new Date('1900-01-01T00:00:00Z'),
  max: new Date('2100-12-31T23:59:59Z'),
  noInvalidDate: true,
});

describe('parseRfc3339', () => {
  it('reads a time with an offset or Z', () => {
    expect(parseRfc3339('2027-03-28T10:00:00+02:00')?.toISOString()).toBe(
      '2027-03-28T08:00:00.000Z',
    );
    expect(parseRfc3339('2027-03-28T08:00:00Z')?.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(parseRfc3339('2027-03-28T08:00:00.250-03:30')?.toISOString()).toBe(
      '2027-03-28T11:30:00.250Z',
    );
  });

  it('refuses a time without an offset, without seconds, or that does not exist', () => {
    for (const value of [
      '2027-03-28T10:00:00',
      '2027-03-28T10:00+02:00',
      '2027-03-28',
      '2027-02-30T10:00:00Z',
      '2027-03-28T25:00:00Z',
      'tomorrow',
      '',
    ]) {
      expect(parseRfc3339(value)).toBeUndefined();
    }
  });
});

describe('toParisIso', () => {
  it('renders winter times at +01:00 and summer times at +02:00', () => {
    expect(toParisIso(new Date('2027-01-15T09:00:00Z'))).toBe('2027-01-15T10:00:00+01:00');
    expect(toParisIso(new Date('2027-07-15T09:00:00Z'))).toBe('2027-07-15T11:00:00+02:00');
  });

  it('follows the spring change on the last Sunday of March', () => {
    expect(toParisIso(new Date('2027-03-28T00:59:00Z'))).toBe('2027-03-28T01:59:00+01:00');
    expect(toParisIso(new Date('2027-03-28T01:00:00Z'))).toBe('2027-03-28T03:00:00+02:00');
  });

  it('tells apart the two 02:30 of the autumn change on the last Sunday of October', () => {
    expect(toParisIso(new Date('2027-10-31T00:30:00Z'))).toBe('2027-10-31T02:30:00+02:00');
    expect(toParisIso(new Date('2027-10-31T01:30:00Z'))).toBe('2027-10-31T02:30:00+01:00');
  });

  it('round-trips with parseRfc3339', () => {
    const rendered = toParisIso(new Date('2027-10-31T01:30:00Z'));
    expect(parseRfc3339(rendered)?.toISOString()).toBe('2027-10-31T01:30:00.000Z');
  });

  it('renders every instant as the time zone database does, milliseconds included', () => {
    const luxon = (date: Date) =>
      DateTime.fromJSDate(date, { zone: PARIS }).toISO({ suppressMilliseconds: true });
    fc.assert(
      fc.property(INSTANTS, (date) => expect(toParisIso(date)).toBe(luxon(date))),
      { numRuns: 5000 },
    );
    // Every minute around both changes of 2027, twice (the second time from the offset cache).
    for (const around of ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z']) {
      for (let pass = 0; pass < 2; pass++) {
        for (let minute = -90; minute <= 90; minute++) {
          const date = new Date(Date.parse(around) + minute * 60_000);
          expect(toParisIso(date)).toBe(luxon(date));
        }
      }
    }
  });
});

describe('parisDate', () => {
  it('turns the day at Paris midnight, not at UTC midnight, in winter and in summer', () => {
    expect(parisDate(new Date('2027-01-15T22:59:59Z'))).toEqual({ year: 2027, month: 1, day: 15 });
    expect(parisDate(new Date('2027-01-15T23:00:00Z'))).toEqual({ year: 2027, month: 1, day: 16 });
    expect(parisDate(new Date('2027-07-15T21:59:59Z'))).toEqual({ year: 2027, month: 7, day: 15 });
    expect(parisDate(new Date('2027-07-15T22:00:00Z'))).toEqual({ year: 2027, month: 7, day: 16 });
    expect(parisDate(new Date('2026-12-31T23:30:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
  });

  it('reads every instant as the time zone database does', () => {
    fc.assert(
      fc.property(INSTANTS, (date) => {
        const { year, month, day } = DateTime.fromJSDate(date, { zone: PARIS });
        expect(parisDate(date)).toEqual({ year, month, day });
      }),
      { numRuns: 2_000 },
    );
  });
});
