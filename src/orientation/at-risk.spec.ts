import { atRiskSql, isAtRisk, riskHorizon } from './at-risk';

const HOUR_MS = 3_600_000;
const now = new Date('2027-03-01T10:00:00Z');

describe('at risk', () => {
  it('is at risk from escalateBeforeMs before the deadline, that instant included', () => {
    expect(riskHorizon(now, 2 * HOUR_MS)).toEqual(new Date('2027-03-01T12:00:00Z'));
    expect(isAtRisk(new Date('2027-03-01T12:00:00Z'), now, 2 * HOUR_MS)).toBe(true);
    expect(isAtRisk(new Date('2027-03-01T11:00:00Z'), now, 2 * HOUR_MS)).toBe(true);
    expect(isAtRisk(new Date('2027-03-01T12:00:00.001Z'), now, 2 * HOUR_MS)).toBe(false);
  });

  it('says the same in SQL, by the database clock', () => {
    expect(atRiskSql('r.deadline_at', 2 * HOUR_MS)).toBe(
      'r.deadline_at <= now() + make_interval(secs => 7200)',
    );
  });
});
