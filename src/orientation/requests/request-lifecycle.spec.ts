import { REQUEST_STATUSES, type RequestStatus } from '../../common/request-status';
import { canMove, statusesLeadingTo, TRANSITIONS } from './request-lifecycle';

/** Written out by hand, independently of the table: every move a request may make. */
const ALLOWED = new Set([
  'pending→held',
  'pending→offered',
  'pending→booked',
  'pending→assigned',
  'pending→unmet',
  'pending→redirected',
  'pending→cancelled',
  'held→pending',
  'held→booked',
  'held→redirected',
  'held→cancelled',
  'offered→pending',
  'offered→booked',
  'offered→assigned',
  'offered→unmet',
  'offered→redirected',
  'offered→cancelled',
  'unmet→booked',
  'unmet→assigned',
  'unmet→redirected',
  'unmet→cancelled',
  'booked→redirected',
  'booked→cancelled',
  'assigned→cancelled',
]);

describe('the request lifecycle', () => {
  const pairs = REQUEST_STATUSES.flatMap((from) =>
    REQUEST_STATUSES.map((to): [RequestStatus, RequestStatus] => [from, to]),
  );

  it.each(pairs)('%s → %s is allowed exactly when listed', (from, to) => {
    expect(canMove(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it('has a row for every status and closes redirected and cancelled for good', () => {
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...REQUEST_STATUSES].sort());
    expect(TRANSITIONS.redirected).toEqual([]);
    expect(TRANSITIONS.cancelled).toEqual([]);
  });

  it('tells which statuses may be cancelled, redirected or assigned', () => {
    expect(statusesLeadingTo('cancelled')).toEqual([
      'pending',
      'held',
      'offered',
      'unmet',
      'booked',
      'assigned',
    ]);
    expect(statusesLeadingTo('redirected')).toEqual([
      'pending',
      'held',
      'offered',
      'unmet',
      'booked',
    ]);
    expect(statusesLeadingTo('assigned')).toEqual(['pending', 'offered', 'unmet']);
  });
});
