import { bookedThisWeekSql } from './recent-bookings';

describe('bookedThisWeekSql', () => {
  it('keeps the booked appointments of the last 7 days, on the alias given', () => {
    expect(bookedThisWeekSql('a')).toBe(
      "a.created_at > now() - interval '7 days' AND a.status || '' = 'booked'",
    );
  });
});
