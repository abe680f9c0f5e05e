import { DateTime } from 'luxon';

import { easterSunday, isFrenchPublicHoliday } from './french-holidays';
import { PARIS } from './paris-time';

const day = (iso: string) => DateTime.fromISO(iso, { zone: PARIS });

describe('easterSunday', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('finds Easter %i', (year, expected) => {
    expect(easterSunday(day(`${year}-07-01`)).toISODate()).toBe(expected);
  });
});

describe('isFrenchPublicHoliday', () => {
  it('knows the eleven days of 2026, Easter Monday, Ascension and Whit Monday included', () => {
    const holidays: string[] = [];
    for (let date = day('2026-01-01'); date.year === 2026; date = date.plus({ days: 1 })) {
      if (isFrenchPublicHoliday(date)) holidays.push(date.toISODate() ?? '');
    }
    expect(holidays).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-05-01',
      '2026-05-08',
      '2026-05-14',
      '2026-05-25',
      '2026-07-14',
      '2026-08-15',
      '2026-11-01',
      '2026-11-11',
      '2026-12-25',
    ]);
  });

  it.each([
    ['Easter Monday 2038, late in April', '2038-04-26', true],
    ['Ascension 2038, in June', '2038-06-03', true],
    ['Whit Monday 2038', '2038-06-14', true],
    ['Whit Monday 2025', '2025-06-09', true],
    ['the Tuesday after', '2025-06-10', false],
    ['Saint Stephen (Alsace-Moselle only)', '2025-12-26', false],
    ['Good Friday (Alsace-Moselle only)', '2025-04-18', false],
  ])('%s (%s): %p', (_, iso, expected) => {
    expect(isFrenchPublicHoliday(day(iso))).toBe(expected);
  });
});
