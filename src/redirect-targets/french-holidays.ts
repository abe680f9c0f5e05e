/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm), as [month 1..12, day]. */
export function easterSunday(year: number): [number, number] {
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
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return [month, day];
}

const FIXED = ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'];
/** Easter Monday, Ascension Thursday, Whit Monday: days after Easter Sunday. */
const AFTER_EASTER = [1, 39, 50];

/**
 * The eleven national public holidays of a year, as `YYYY-MM-DD` (Alsace-Moselle's two extra days
 * are not national).
 */
export function frenchPublicHolidays(year: number): string[] {
  const [month, day] = easterSunday(year);
  const easter = Date.UTC(year, month - 1, day);
  const movable = AFTER_EASTER.map((days) =>
    new Date(easter + days * 86_400_000).toISOString().slice(0, 10),
  );
  return [...FIXED.map((date) => `${year}-${date}`), ...movable].sort();
}

/** Whether a calendar day (`YYYY-MM-DD`, read in France) is a national public holiday. */
export function isFrenchPublicHoliday(date: string): boolean {
  return frenchPublicHolidays(Number(date.slice(0, 4))).includes(date);
}
