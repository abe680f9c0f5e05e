import { DomainError } from '../common/domain-error';
import { indicatorPeriod } from './indicator-period';

const now = new Date('2027-03-28T10:00:00Z');

describe('indicatorPeriod', () => {
  it('defaults to the 30 days before now', () => {
    expect(indicatorPeriod({}, now)).toEqual({
      from: new Date('2027-02-26T10:00:00Z'),
      to: now,
    });
  });

  it('reads both ends with their offsets', () => {
    expect(
      indicatorPeriod({ from: '2027-03-01T00:00:00+01:00', to: '2027-04-01T00:00:00+02:00' }, now),
    ).toEqual({ from: new Date('2027-02-28T23:00:00Z'), to: new Date('2027-03-31T22:00:00Z') });
  });

  it('refuses an empty, reversed or over-long period, naming the field', () => {
    const fieldOf = (query: { from?: string; to?: string }) => {
      try {
        indicatorPeriod(query, now);
      } catch (error) {
        return (error as DomainError).errors?.[0].field;
      }
    };
    expect(fieldOf({ from: '2027-03-28T10:00:00Z', to: '2027-03-28T10:00:00Z' })).toBe('to');
    expect(fieldOf({ from: '2025-01-01T00:00:00Z' })).toBe('from');
  });
});
