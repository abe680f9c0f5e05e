import type { ConsultationMode } from '../../common/consultation-mode';
import { DomainError } from '../../common/domain-error';
import { parseRfc3339 } from '../../common/paris-time';
import type { SlotTimes, TimeWindow } from './slot-rules';

export interface SlotInput {
  startsAt: string;
  endsAt: string;
  mode: ConsultationMode;
}

/** A time the DTO has already checked; a second reading keeps the service safe on its own. */
export function requireTime(value: string, field: string): Date {
  const time = parseRfc3339(value);
  if (!time) {
    throw DomainError.invalid(field, `${field} must be an RFC 3339 time with an offset`);
  }
  return time;
}

export function toSlotTimes(input: SlotInput, prefix = ''): SlotTimes {
  return {
    startsAt: requireTime(input.startsAt, `${prefix}startsAt`),
    endsAt: requireTime(input.endsAt, `${prefix}endsAt`),
    mode: input.mode,
  };
}

/** `[from, to)`, either end defaulting: from to now, to to `defaultSpanMs` after from. */
export function toWindow(
  query: { from?: string; to?: string },
  now: Date,
  defaultSpanMs: number,
): TimeWindow {
  const from = query.from === undefined ? now : requireTime(query.from, 'from');
  const to =
    query.to === undefined ? new Date(from.getTime() + defaultSpanMs) : requireTime(query.to, 'to');
  return { from, to };
}
