import {
  acceptingNowSql,
  capacityExpired,
  capacityExpiresAt,
  capacityNudgeLeadMs,
} from './capacity-expiry';

const DAY = 24 * 60 * 60_000;
const MONTH = 30 * DAY;

describe('new-patient declarations that lapse', () => {
  const declared = new Date('2026-03-01T09:00:00Z');

  it('lapse CAPACITY_CONFIRM_EVERY after they were made', () => {
    expect(capacityExpiresAt(declared, MONTH)).toEqual(new Date('2026-03-31T09:00:00Z'));
    expect(capacityExpired(true, declared, new Date('2026-03-31T08:59:59Z'), MONTH)).toBe(false);
    expect(capacityExpired(true, declared, new Date('2026-03-31T09:00:00Z'), MONTH)).toBe(true);
  });

  it('count a yes without a date as lapsed, and never a no', () => {
    expect(capacityExpired(true, null, declared, MONTH)).toBe(true);
    expect(capacityExpired(false, null, declared, MONTH)).toBe(false);
    expect(capacityExpired(false, declared, new Date('2027-01-01T00:00:00Z'), MONTH)).toBe(false);
  });

  it('are nudged 3 days before, or halfway through a shorter period', () => {
    expect(capacityNudgeLeadMs(MONTH)).toBe(3 * DAY);
    expect(capacityNudgeLeadMs(2 * DAY)).toBe(DAY);
  });

  it('filter in SQL with whole seconds from the configuration', () => {
    expect(acceptingNowSql('p', MONTH + 500)).toBe(
      '(p.accepting_new_patients AND p.capacity_updated_at > now() - make_interval(secs => 2592000))',
    );
  });
});
