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

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** UTC hour → Europe/Paris offset in minutes; bounded, since times rendered cluster around now. */
const offsetByHour = new Map<number, number>();
const OFFSET_CACHE_SIZE = 50_000;

/**
 * The Europe/Paris offset of an instant, in minutes. Paris changes offset only on the hour (01:00
 * UTC), so the offset of an hour is looked up once: asking the time zone database through Intl
 * costs tens of microseconds, and the live table renders thousands of times per answer.
 */
function parisOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: PARIS }).offset;
    if (offsetByHour.size >= OFFSET_CACHE_SIZE) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/**
 * Paris has kept whole-hour offsets changing on the hour since well before 1980; before that (its
 * local mean time had seconds), and past year 9999, the time zone library renders.
 */
const FAST_FROM_MS = Date.UTC(1980, 0, 1);
const FAST_UNTIL_MS = Date.UTC(9999, 11, 31);

function luxonParisIso(date: Date): string {
  return DateTime.fromJSDate(date, { zone: PARIS }).toISO({ suppressMilliseconds: true }) ?? '';
}

/** An instant shifted by its Europe/Paris offset: its UTC fields read as Paris wall-clock time. */
function parisWallClock(ms: number): { local: Date; offset: number } {
  const offset = parisOffsetMinutes(ms);
  return { local: new Date(ms + offset * MINUTE_MS), offset };
}

/** How the API renders a stored time: RFC 3339 with the Europe/Paris offset of that instant. */
export function toParisIso(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FAST_FROM_MS && ms < FAST_UNTIL_MS)) return luxonParisIso(date);
  const { local, offset } = parisWallClock(ms);
  const year = local.getUTCFullYear();
  const millis = local.getUTCMilliseconds();
  const sign = offset < 0 ? '-' : '+';
  const absolute = Math.abs(offset);
  return (
    `${year}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    (millis === 0 ? '' : `.${pad(millis, 3)}`) +
    `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`
  );
}

/** The day an instant falls on in Europe/Paris (month and day from 1). */
export function parisDate(date: Date): { year: number; month: number; day: number } {
  const ms = date.getTime();
  if (!(ms >= FAST_FROM_MS && ms < FAST_UNTIL_MS)) {
    const { year, month, day } = DateTime.fromJSDate(date, { zone: PARIS });
    return { year, month, day };
  }
  const { local } = parisWallClock(ms);
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate() };
}

/**
 * SQL rendering a `timestamptz` expression exactly as `toParisIso` renders the Date it would
 * become, in a transaction whose time zone is Europe/Paris (`PARIS_TIME_ZONE_SQL`). For lists of
 * many times (the live table): each would otherwise be parsed into a Date, then rendered back into
 * a string: about 40 % of what a live table answer allocated.
 */
export function parisIsoSql(expression: string): string {
  return `CASE WHEN date_trunc('milliseconds', ${expression}) = date_trunc('second', ${expression})
            THEN to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SSTZH:TZM')
            ELSE to_char(${expression}, 'YYYY-MM-DD"T"HH24:MI:SS.MSTZH:TZM') END`;
}

export const PARIS_TIME_ZONE_SQL = `SELECT set_config('TimeZone', '${PARIS}', true)`;
