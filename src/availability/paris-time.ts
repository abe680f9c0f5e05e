import { DateTime } from 'luxon';

export const PARIS = 'Europe/Paris';

// RFC 3339 section 5.6: seconds are required, and so is the offset.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 time with an offset (`2027-03-28T10:00:00+02:00`), or undefined for anything else. */
export function parseRfc3339(value: string): Date | undefined {
  if (!RFC3339.test(value)) return undefined;
  const parsed = DateTime.fromISO(value, { setZone: true });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** How the API renders a stored time: RFC 3339 with the Europe/Paris offset of that instant. */
export function toParisIso(date: Date): string {
  return DateTime.fromJSDate(date, { zone: PARIS }).toISO({ suppressMilliseconds: true }) ?? '';
}
