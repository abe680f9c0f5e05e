/**
 * What pseudonymisation keeps of a closed request: everything indicators need (kind, status,
 * times, commune, modes, priority flags, unmet reason, the birth year for age bands), and
 * nothing that names or reaches the patient.
 */

/** The oldest closing time a request may have and still keep its patient's identity. */
export function purgeCutoff(now: Date, retentionMs: number): Date {
  return new Date(now.getTime() - retentionMs);
}

/** Requests no longer acted upon: a referring-physician request left unmet stays on the waiting list. */
export const PURGEABLE = `(status IN ('booked', 'assigned', 'cancelled', 'redirected')
  OR (status = 'unmet' AND kind = 'urgent'))`;

/** Marks a purged request (its body hash is of patient data, and no replay is due any more). */
export const PURGED = 'purged';

/** Keys of a history entry's detail that hold free text a person wrote (and may name the patient). */
export const FREE_TEXT_KEYS = ['note', 'reason'];

/** History types whose `reason` is a code the indicators read, not free text. */
export const CODED_REASON_TYPES = ['unmet'];
