import { deadlineOrder, minutesLeft } from './monitored-request';

describe('monitored requests', () => {
  const now = new Date('2027-03-28T10:00:00Z');

  it('counts whole minutes left, rounding down, negative past the deadline', () => {
    expect(minutesLeft(new Date('2027-03-28T10:59:59Z'), now)).toBe(59);
    expect(minutesLeft(new Date('2027-03-28T10:00:30Z'), now)).toBe(0);
    expect(minutesLeft(new Date('2027-03-28T09:59:30Z'), now)).toBe(-1);
  });

  it('puts the nearest deadline first for open requests, the latest first for unmet ones', () => {
    expect(deadlineOrder('at_risk')).toBe('ASC');
    expect(deadlineOrder('pending')).toBe('ASC');
    expect(deadlineOrder('unmet')).toBe('DESC');
  });
});
