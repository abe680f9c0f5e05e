import { parseRfc3339, toParisIso } from './paris-time';

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
});
