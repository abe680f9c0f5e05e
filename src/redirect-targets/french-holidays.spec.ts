import { easterSunday, frenchPublicHolidays, isFrenchPublicHoliday } from './french-holidays';

describe('easterSunday', () => {
  it.each([
    [2024, [3, 31]],
    [2025, [4, 20]],
    [2026, [4, 5]],
    [2027, [3, 28]],
    [2038, [4, 25]],
    [2285, [3, 22]],
  ])('finds Easter %i', (year, expected) => {
    expect(easterSunday(year)).toEqual(expected);
  });
});

describe('frenchPublicHolidays', () => {
  it('lists the eleven days of 2026, Easter Monday, Ascension and Whit Monday included', () => {
    expect(frenchPublicHolidays(2026)).toEqual([
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

  it('moves the Easter days across months (Ascension in June in 2038)', () => {
    expect(frenchPublicHolidays(2038)).toEqual(
      expect.arrayContaining(['2038-04-26', '2038-06-03', '2038-06-14']),
    );
  });

  it('tells a holiday from an ordinary day', () => {
    expect(isFrenchPublicHoliday('2025-06-09')).toBe(true);
    expect(isFrenchPublicHoliday('2025-06-10')).toBe(false);
    expect(isFrenchPublicHoliday('2025-12-26')).toBe(false);
  });
});
