import type { RequestStatus } from '../../common/request-status';

/**
 * Every status change a request may make, and no other. The database holds the same table
 * (trigger `request_status_transition`, migration RequestLifecycle); a test checks that the two
 * agree on every pair.
 *
 * - pending: urgent, waiting for a slot; referring physician, waiting for a GP to ask.
 * - held: urgent, a slot is held while the patient agrees to it (propose, then confirm); back to
 *   pending when released or expired.
 * - offered: a GP is asked (referring physician, or an urgent patient in surnuméraire); back to
 *   pending when nobody is left to ask, or the GP says no.
 * - unmet: the deadline passed; a coordinator may still book or assign it, and a referring-physician
 *   request stays on the waiting list (assigned late).
 * - booked, assigned: the patient has an appointment or a GP; cancelling or redirecting remains.
 * - redirected, cancelled: closed for good.
 */
export const TRANSITIONS: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  pending: ['held', 'offered', 'booked', 'assigned', 'unmet', 'redirected', 'cancelled'],
  held: ['pending', 'booked', 'redirected', 'cancelled'],
  offered: ['pending', 'booked', 'assigned', 'unmet', 'redirected', 'cancelled'],
  unmet: ['booked', 'assigned', 'redirected', 'cancelled'],
  booked: ['redirected', 'cancelled'],
  assigned: ['cancelled'],
  redirected: [],
  cancelled: [],
};

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses a request may leave for `to`: what a caller checks before doing the work. */
export function statusesLeadingTo(to: RequestStatus): RequestStatus[] {
  return (Object.keys(TRANSITIONS) as RequestStatus[]).filter((from) => canMove(from, to));
}
