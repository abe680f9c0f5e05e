/** Loads a page module (plain JavaScript, compiled for Jest by ts-jest), untyped. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pageModule = (path: string): unknown => require(path);

/** The page module, as the browser runs it (plain JavaScript, typed here for the spec). */
const { addMinutes, formatKm, formatPhone, formatTime, isoWeekday, parisDate, parisToIso } =
  pageModule('./assets/format.js') as {
    addMinutes(time: string, minutes: number): string;
    formatKm(km: number): string;
    formatPhone(e164: string): string;
    formatTime(iso: string): string;
    isoWeekday(date: string): number;
    parisDate(iso: string): string;
    parisToIso(wall: string): string;
  };

describe('Paris wall-clock times in the pages', () => {
  it.each([
    ['2027-03-27T10:00', '2027-03-27T09:00:00Z'], // the Saturday before: CET, UTC+1
    ['2027-03-28T10:00', '2027-03-28T08:00:00Z'], // the last Sunday of March: CEST, UTC+2
    ['2027-10-30T10:00', '2027-10-30T08:00:00Z'], // the Saturday before winter time
    ['2027-10-31T10:00', '2027-10-31T09:00:00Z'], // the last Sunday of October: CET again
    ['2026-12-07T08:00', '2026-12-07T07:00:00Z'],
  ])('%s in Paris is %s', (wall, utc) => {
    expect(parisToIso(wall)).toBe(utc);
    expect(formatTime(utc)).toBe(wall.slice(11));
  });

  it('dates an instant by its Paris day, not its UTC day', () => {
    expect(parisDate('2027-03-27T23:30:00Z')).toBe('2027-03-28');
    expect(parisDate('2027-03-27T22:30:00Z')).toBe('2027-03-27');
  });

  it('counts ISO weekdays and minutes within a day', () => {
    expect(isoWeekday('2027-03-28')).toBe(7);
    expect(isoWeekday('2027-03-29')).toBe(1);
    expect(addMinutes('09:40', 20)).toBe('10:00');
  });
});

describe('what the operator reads out', () => {
  it('says a French number as people write it, and leaves others as they are', () => {
    expect(formatPhone('+33612345678')).toBe('06 12 34 56 78');
    expect(formatPhone('+3225551234')).toBe('+3225551234');
  });

  it('writes distances with a decimal comma', () => {
    expect(formatKm(3.24)).toBe('3,2 km');
  });
});
