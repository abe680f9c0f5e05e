export const REQUEST_KINDS = ['urgent', 'referring_physician'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = [
  'pending',
  'held',
  'offered',
  'booked',
  'assigned',
  'unmet',
  'redirected',
  'cancelled',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses in which the service still works on a request. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'held', 'offered'];

/** Statuses the call platform still has to act on: `open=true` and duplicate checks. */
export const CALL_OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'held', 'offered', 'unmet'];

export const PRIORITY_FLAGS = ['ald', 'age_70_plus', 'c2s', 'isolated'] as const;
export type PriorityFlag = (typeof PRIORITY_FLAGS)[number];

export const UNMET_REASONS = [
  'no_slot_in_territory',
  'no_slot_for_mode',
  'no_slot_before_deadline',
  'caps_reached',
  'no_practitioner_accepting',
  'no_practitioner_answered',
] as const;
export type UnmetReason = (typeof UNMET_REASONS)[number];

export const REDIRECT_TARGETS = ['mmg', 'emergency', 'teleconsultation', 'samu', 'other'] as const;
export type RedirectTarget = (typeof REDIRECT_TARGETS)[number];
