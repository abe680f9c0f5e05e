import { DateTime } from 'luxon';

import { isFrenchPublicHoliday } from '../common/french-holidays';
import { PARIS } from '../common/paris-time';
import { OpeningSpan } from './dto/redirect-target.view';

export { OpeningSpan };

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A day's weekday for opening hours: a public holiday keeps Sunday's hours, as MMG do. */
function dayOf(local: DateTime): number {
  return isFrenchPublicHoliday(local) ? 7 : local.weekday;
}

/** Whether a place with these hours is open at this instant, in Paris time. */
export function openNow(hours: readonly OpeningSpan[], now: Date): boolean {
  const local = DateTime.fromJSDate(now, { zone: PARIS });
  const today = dayOf(local);
  const yesterday = dayOf(local.minus({ days: 1 }));
  const at = local.hour * 60 + local.minute;
  return hours.some((span) => {
    const opens = minutes(span.opens);
    const closes = minutes(span.closes);
    if (closes > opens) return span.weekday === today && at >= opens && at < closes;
    return (span.weekday === today && at >= opens) || (span.weekday === yesterday && at < closes);
  });
}

const PDSA_EVENING = 20 * 60;
const PDSA_MORNING = 8 * 60;
const SATURDAY_NOON = 12 * 60;

/**
 * Whether the permanence des soins runs at this instant, Paris time: weekday nights 20:00–08:00,
 * Saturday from 12:00, Sundays and public holidays (each until 08:00 the next morning).
 */
export function pdsaNow(now: Date): boolean {
  const local = DateTime.fromJSDate(now, { zone: PARIS });
  const at = local.hour * 60 + local.minute;
  const holiday = (day: DateTime) => day.weekday === 7 || isFrenchPublicHoliday(day);
  if (holiday(local)) return true;
  if (at < PDSA_MORNING) return true;
  if (at >= PDSA_EVENING) return true;
  return local.weekday === 6 && at >= SATURDAY_NOON;
}
