import { DateTime } from 'luxon';

const FIXED_PUBLIC_HOLIDAYS = [
  '01-01',
  '05-01',
  '05-08',
  '07-14',
  '08-15',
  '11-01',
  '11-11',
  '12-25',
];
/** Easter Monday, Ascension Thursday, Whit Monday. */
const EASTER_BASED_HOLIDAYS = [1, 39, 50];

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher); the letters are the algorithm's own. */
export function easterSunday(day: DateTime): DateTime {
  const year = day.year;
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: day.zone });
}

/**
 * Whether a day, read in its own time zone, is one of the eleven public holidays of mainland
 * France (Alsace-Moselle adds two, not national).
 */
export function isFrenchPublicHoliday(day: DateTime): boolean {
  const monthDay = day.toFormat('MM-dd');
  if (FIXED_PUBLIC_HOLIDAYS.includes(monthDay)) return true;
  const daysAfterEaster = Math.round(day.startOf('day').diff(easterSunday(day), 'days').days);
  return EASTER_BASED_HOLIDAYS.includes(daysAfterEaster);
}
