import { requireTime } from '../availability/slots/slots.service';
import { DomainError } from '../common/domain-error';
import type { Period } from './indicators';

const DAY_MS = 86_400_000;
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;

/** `[from, to)`: `to` defaults to now, `from` to 30 days before `to`; at most a year and a day. */
export function indicatorPeriod(query: { from?: string; to?: string }, now: Date): Period {
  const to = query.to === undefined ? now : requireTime(query.to, 'to');
  const from =
    query.from === undefined
      ? new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS)
      : requireTime(query.from, 'from');
  if (from >= to) throw DomainError.invalid('to', 'to must be after from');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
    throw DomainError.invalid('from', `the period must not exceed ${MAX_PERIOD_DAYS} days`);
  }
  return { from, to };
}
