import { DateTime } from 'luxon';

import { isFrenchPublicHoliday } from '../common/french-holidays';
import {
  buildDemoPractitioners,
  ConsultationMode,
  DemoCommune,
  DemoPractitioner,
  luhnCheckDigit,
  mulberry32,
  openingPeriodsBetween,
} from './demo-practitioners';

const COMMUNES: DemoCommune[] = [
  { code: '56007', name: 'Auray', latitude: 47.668, longitude: -2.982 },
  { code: '56177', name: 'Pluvigner', latitude: 47.776, longitude: -3.011 },
  { code: '56023', name: 'Brech', latitude: 47.721, longitude: -2.999 },
  { code: '56186', name: 'Quiberon', latitude: 47.484, longitude: -3.12 },
  { code: '56034', name: 'Carnac', latitude: 47.584, longitude: -3.078 },
  { code: '56054', name: 'Erdeven', latitude: 47.642, longitude: -3.157 },
  { code: '56013', name: 'Belz', latitude: 47.675, longitude: -3.168 },
  { code: '56168', name: 'Plouharnel', latitude: 47.598, longitude: -3.121 },
  { code: '56116', name: 'Locmariaquer', latitude: 47.569, longitude: -2.946 },
];

const ZONE = 'Europe/Paris';
const MINUTE = 60_000;
const TUESDAY_MORNING = new Date('2026-06-09T09:10:00+02:00');
const FRIDAY_AFTERNOON = new Date('2026-06-12T15:20:00+02:00');
// Clocks go forward on Sunday 2027-03-28 at 02:00; that Monday is also Easter Monday.
const FRIDAY_BEFORE_SPRING_CHANGE = new Date('2027-03-26T16:40:00+01:00');
const SATURDAY_BEFORE_SPRING_CHANGE = new Date('2027-03-27T09:05:00+01:00');
// Clocks go back on Sunday 2027-10-31 at 03:00; the Monday after is All Saints' Day.
const SUNDAY_AFTER_AUTUMN_CHANGE = new Date('2027-10-31T14:00:00+01:00');
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

const SCENARIOS: Array<[string, Date]> = [
  ['a Tuesday morning', TUESDAY_MORNING],
  ['a Friday afternoon', FRIDAY_AFTERNOON],
  ['a Friday before the spring clock change', FRIDAY_BEFORE_SPRING_CHANGE],
  ['a Saturday before the spring clock change', SATURDAY_BEFORE_SPRING_CHANGE],
  ['a Sunday after the autumn clock change', SUNDAY_AFTER_AUTUMN_CHANGE],
];

function local(date: Date): DateTime {
  return DateTime.fromJSDate(date, { zone: ZONE });
}

function minuteOfDay(time: DateTime): number {
  return time.hour * 60 + time.minute;
}

function isLuhnValid(digits: string): boolean {
  const sum = [...digits].reverse().reduce((total, character, position) => {
    const digit = Number(character) * (position % 2 === 1 ? 2 : 1);
    return total + (digit > 9 ? digit - 9 : digit);
  }, 0);
  return sum % 10 === 0;
}

function distanceKm(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.latitude - a.latitude);
  const dLon = radians(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(radians(a.latitude)) * Math.cos(radians(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

function allSlots(practitioners: DemoPractitioner[]) {
  return practitioners.flatMap((practitioner) => practitioner.slots);
}

function withoutSlots(practitioners: DemoPractitioner[]) {
  return practitioners.map((practitioner) => ({ ...practitioner, slots: [] }));
}

/** Mon–Fri 08:00–19:30 and Saturday 08:30–12:00, local time; never Sunday. */
function isWithinOpeningHours(startsAt: Date, endsAt: Date): boolean {
  const start = local(startsAt);
  const end = local(endsAt);
  if (!start.hasSame(end, 'day')) return false;
  if (start.weekday === 7) return false;
  const [open, close] = start.weekday === 6 ? [8 * 60 + 30, 12 * 60] : [8 * 60, 19 * 60 + 30];
  return minuteOfDay(start) >= open && minuteOfDay(end) <= close;
}

describe('buildDemoPractitioners', () => {
  const practitioners = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING);

  it('gives the same practitioners and slots for the same seed and now', () => {
    expect(buildDemoPractitioners(COMMUNES, TUESDAY_MORNING)).toEqual(practitioners);
    expect(buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 1, 30)).toEqual(practitioners);
  });

  it('gives other practitioners for another seed', () => {
    const other = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 2);
    expect(other.map((practitioner) => practitioner.rpps)).not.toEqual(
      practitioners.map((practitioner) => practitioner.rpps),
    );
  });

  it('keeps the same people when only now changes, so re-seeding updates rather than duplicates', () => {
    const later = buildDemoPractitioners(COMMUNES, FRIDAY_AFTERNOON);
    expect(withoutSlots(later)).toEqual(withoutSlots(practitioners));
  });

  it('keeps the slots still ahead when now moves forward', () => {
    const laterNow = new Date(TUESDAY_MORNING.getTime() + 6 * 60 * MINUTE);
    const later = buildDemoPractitioners(COMMUNES, laterNow);
    const horizon = TUESDAY_MORNING.getTime() + 48 * 60 * MINUTE;
    later.forEach((practitioner, index) => {
      const stillAhead = practitioner.slots.filter((slot) => slot.endsAt.getTime() <= horizon);
      expect(practitioners[index].slots).toEqual(expect.arrayContaining(stillAhead));
    });
  });

  it('makes 30 GPs by default and the count asked for otherwise', () => {
    expect(practitioners).toHaveLength(30);
    expect(buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 1, 12)).toHaveLength(12);
    expect(buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 1, 0)).toEqual([]);
  });

  it('rejects a count out of range, an invalid now and an empty commune list', () => {
    expect(() => buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 1, -1)).toThrow(RangeError);
    expect(() => buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, 1, 2.5)).toThrow(RangeError);
    expect(() => buildDemoPractitioners(COMMUNES, new Date('nope'))).toThrow(RangeError);
    expect(() => buildDemoPractitioners([], TUESDAY_MORNING)).toThrow(RangeError);
  });

  it.each(SEEDS)('gives unique, Luhn-valid 11-digit RPPS numbers (seed %i)', (seed) => {
    const rpps = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, seed).map((p) => p.rpps);
    for (const number of rpps) {
      expect(number).toMatch(/^1\d{10}$/);
      expect(isLuhnValid(number)).toBe(true);
    }
    expect(new Set(rpps).size).toBe(rpps.length);
  });

  it.each(SEEDS)('gives unique fiction phone numbers in E.164 (seed %i)', (seed) => {
    const group = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, seed);
    for (const { phone, notify } of group) {
      expect(phone).toMatch(/^\+33(19900|63998)\d{4}$/);
      if (notify.sms) expect(phone).toMatch(/^\+3363998/);
    }
    expect(new Set(group.map((p) => p.phone)).size).toBe(group.length);
  });

  it('gives unique ASCII e-mails under the reserved demo domain', () => {
    for (const { firstName, lastName, email } of practitioners) {
      expect(email).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*@demo\.invalid$/);
      const [localPart] = email.split('@');
      const folded = (text: string) =>
        text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase()
          .replace(/[^a-z]+/g, '-');
      expect(localPart).toBe(`${folded(firstName)}.${folded(lastName)}`);
    }
    expect(new Set(practitioners.map((p) => p.email)).size).toBe(practitioners.length);
  });

  it('places each practice in a listed commune, less than 1 km from its centre, at a street address', () => {
    for (const { practice } of practitioners) {
      const commune = COMMUNES.find((candidate) => candidate.code === practice.communeCode);
      expect(commune).toBeDefined();
      expect(distanceKm(practice, commune as DemoCommune)).toBeLessThan(1);
      expect(practice.address).toMatch(/^\d{1,2} (rue|place|avenue|allée|impasse) .+/);
    }
  });

  it('puts more GPs in the larger communes of the territory, whatever the order of the list', () => {
    const alphabetical = [...COMMUNES].sort((a, b) => a.name.localeCompare(b.name));
    const codes = buildDemoPractitioners(alphabetical, TUESDAY_MORNING).map(
      (p) => p.practice.communeCode,
    );
    const inLargest = codes.filter((code) => ['56007', '56177', '56023'].includes(code));
    expect(inLargest.length).toBeGreaterThan(codes.length / 2);
    expect(codes.filter((code) => code === '56007').length).toBeGreaterThanOrEqual(5);
  });

  it('favours the first communes of the list when their population is unknown', () => {
    const unknown = COMMUNES.map((commune, index) => ({ ...commune, code: `9900${index + 1}` }));
    const codes = buildDemoPractitioners(unknown, TUESDAY_MORNING).map(
      (p) => p.practice.communeCode,
    );
    const inFirstThree = codes.filter((code) => ['99001', '99002', '99003'].includes(code));
    expect(inFirstThree.length).toBeGreaterThan(codes.length / 2);
  });

  it('honours an explicit commune weight', () => {
    const weighted = COMMUNES.map((commune) => ({
      ...commune,
      weight: commune.code === '56116' ? 1 : 0,
    }));
    const group = buildDemoPractitioners(weighted, TUESDAY_MORNING);
    expect(new Set(group.map((p) => p.practice.communeCode))).toEqual(new Set(['56116']));
  });

  it('offers in-person to all, teleconsultation to some and home visits to a few', () => {
    const offering = (mode: ConsultationMode) =>
      practitioners.filter((p) => p.modes.includes(mode));
    expect(offering('in_person')).toHaveLength(30);
    expect(offering('teleconsultation').length).toBeGreaterThanOrEqual(8);
    expect(offering('teleconsultation').length).toBeLessThan(20);
    expect(offering('home_visit').length).toBeGreaterThanOrEqual(2);
    expect(offering('home_visit').length).toBeLessThanOrEqual(5);
  });

  it('speaks French everywhere, English often, Breton or German rarely', () => {
    const speaking = (language: string) =>
      practitioners.filter((p) => p.languages.includes(language)).length;
    expect(speaking('fr')).toBe(30);
    expect(speaking('en')).toBeGreaterThanOrEqual(5);
    expect(speaking('br') + speaking('de')).toBeGreaterThanOrEqual(1);
    expect(speaking('br') + speaking('de')).toBeLessThanOrEqual(4);
  });

  it('caps urgent patients at 20 a week for most, 10 or 15 for a few', () => {
    const caps = practitioners.map((p) => p.weeklyUrgentCap);
    expect(caps.every((cap) => [10, 15, 20].includes(cap))).toBe(true);
    expect(caps.filter((cap) => cap === 20).length).toBeGreaterThanOrEqual(20);
    expect(caps.filter((cap) => cap !== 20).length).toBeGreaterThanOrEqual(2);
  });

  it('notifies most by e-mail, some by SMS, and everyone somehow', () => {
    const notify = practitioners.map((p) => p.notify);
    expect(notify.every(({ email, sms }) => email || sms)).toBe(true);
    expect(notify.filter(({ email }) => email).length).toBeGreaterThanOrEqual(25);
    expect(notify.filter(({ sms }) => sms).length).toBeGreaterThanOrEqual(5);
  });

  it.each(SEEDS)('has about a third accepting new patients (seed %i)', (seed) => {
    const group = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, seed);
    const accepting = group.filter((p) => p.newPatients.accepting);
    expect(accepting.length).toBeGreaterThanOrEqual(8);
    expect(accepting.length).toBeLessThanOrEqual(12);
    for (const { newPatients } of accepting) {
      expect(newPatients.openPlaces).toBeGreaterThanOrEqual(1);
      expect(newPatients.openPlaces).toBeLessThanOrEqual(10);
    }
    const restricted = accepting.filter(
      (p) => p.newPatients.ageMin !== null || p.newPatients.ageMax !== null,
    );
    expect(restricted.length).toBeGreaterThanOrEqual(1);
    expect(restricted.length).toBeLessThanOrEqual(3);
    for (const { newPatients } of group.filter((p) => !p.newPatients.accepting)) {
      expect(newPatients).toEqual({ accepting: false, openPlaces: 0, ageMin: null, ageMax: null });
    }
  });

  it.each(SEEDS)('publishes roughly 80 to 200 slots over 48 h from a weekday (seed %i)', (seed) => {
    const group = buildDemoPractitioners(COMMUNES, TUESDAY_MORNING, seed);
    const total = allSlots(group).length;
    expect(total).toBeGreaterThanOrEqual(80);
    expect(total).toBeLessThanOrEqual(200);
    const silent = group.filter((p) => p.slots.length === 0).length;
    expect(silent).toBeGreaterThanOrEqual(4);
    expect(silent).toBeLessThanOrEqual(10);
  });

  describe.each(SCENARIOS)('slots from %s', (_label, now) => {
    const groups = SEEDS.map((seed) => buildDemoPractitioners(COMMUNES, now, seed));
    const everyPractitioner = groups.flat();
    const everySlot = allSlots(everyPractitioner);

    it('start at least 45 minutes after now and end within 48 hours', () => {
      for (const { startsAt, endsAt } of everySlot) {
        expect(startsAt.getTime() - now.getTime()).toBeGreaterThanOrEqual(45 * MINUTE);
        expect(endsAt.getTime() - now.getTime()).toBeLessThanOrEqual(48 * 60 * MINUTE);
      }
    });

    it('lie within local opening hours, never on a Sunday', () => {
      for (const { startsAt, endsAt } of everySlot) {
        expect(isWithinOpeningHours(startsAt, endsAt)).toBe(true);
      }
    });

    it('last 15 or 20 minutes and start on a quarter hour', () => {
      for (const { startsAt, endsAt } of everySlot) {
        expect([15, 20]).toContain((endsAt.getTime() - startsAt.getTime()) / MINUTE);
        expect(local(startsAt).minute % 15).toBe(0);
        expect(local(startsAt).second).toBe(0);
      }
    });

    it('never overlap for the same GP, are sorted, and use a mode the GP offers', () => {
      for (const { slots, modes } of everyPractitioner) {
        slots.forEach((slot, index) => {
          expect(modes).toContain(slot.mode);
          if (index > 0) expect(slot.startsAt >= slots[index - 1].endsAt).toBe(true);
        });
      }
    });

    it('number at most 4 per GP and half-day', () => {
      for (const { slots } of everyPractitioner) {
        const perHalfDay = new Map<string, number>();
        for (const { startsAt } of slots) {
          const time = local(startsAt);
          const key = `${time.toISODate()} ${time.hour < 13 ? 'am' : 'pm'}`;
          perHalfDay.set(key, (perHalfDay.get(key) ?? 0) + 1);
        }
        expect(Math.max(0, ...perHalfDay.values())).toBeLessThanOrEqual(4);
      }
    });

    it('are mostly in person', () => {
      const inPerson = everySlot.filter((slot) => slot.mode === 'in_person').length;
      expect(inPerson).toBeGreaterThan(everySlot.length * 0.7);
    });
  });

  it('covers Saturday morning from a Friday afternoon, and nothing on Sunday', () => {
    const days = allSlots(buildDemoPractitioners(COMMUNES, FRIDAY_AFTERNOON)).map(
      (slot) => local(slot.startsAt).weekday,
    );
    expect(days).toContain(5);
    expect(days).toContain(6);
    expect(days).not.toContain(7);
  });

  it('publishes nothing on a public holiday (Easter Monday 2027, after the spring clock change)', () => {
    const slots = allSlots(buildDemoPractitioners(COMMUNES, SATURDAY_BEFORE_SPRING_CHANGE));
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((slot) => local(slot.startsAt).toISODate() === '2027-03-27')).toBe(true);
  });

  it('opens Tuesday at 08:00 CET after the autumn clock change and the 1 November holiday', () => {
    const slots = allSlots(buildDemoPractitioners(COMMUNES, SUNDAY_AFTER_AUTUMN_CHANGE));
    expect(slots.length).toBeGreaterThan(0);
    for (const { startsAt } of slots) {
      expect(local(startsAt).toISODate()).toBe('2027-11-02');
      expect(startsAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2027-11-02T07:00:00Z'));
    }
  });
});

describe('openingPeriodsBetween', () => {
  it('follows local time across the spring clock change and skips Sunday and Easter Monday', () => {
    const periods = openingPeriodsBetween(
      new Date('2027-03-26T16:00:00+01:00'),
      new Date('2027-03-30T12:00:00+02:00'),
    );
    expect(periods.map(({ start, end }) => [start.toISOString(), end.toISOString()])).toEqual([
      ['2027-03-26T12:30:00.000Z', '2027-03-26T18:30:00.000Z'],
      ['2027-03-27T07:30:00.000Z', '2027-03-27T11:00:00.000Z'],
      ['2027-03-30T06:00:00.000Z', '2027-03-30T10:30:00.000Z'],
    ]);
  });

  it('follows local time across the autumn clock change and skips 1 November', () => {
    const periods = openingPeriodsBetween(
      new Date('2027-10-30T09:00:00+02:00'),
      new Date('2027-11-02T09:00:00+01:00'),
    );
    expect(periods.map(({ start }) => start.toISOString())).toEqual([
      '2027-10-30T06:30:00.000Z',
      '2027-11-02T07:00:00.000Z',
    ]);
  });
});

describe('isFrenchPublicHoliday', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-04-06', true],
    ['2026-05-14', true],
    ['2026-05-25', true],
    ['2026-07-14', true],
    ['2027-03-29', true],
    ['2027-05-06', true],
    ['2027-05-17', true],
    ['2027-11-01', true],
    ['2027-12-25', true],
    ['2026-06-09', false],
    ['2027-03-30', false],
    ['2027-12-26', false],
  ])('%s is a holiday: %p', (isoDate, expected) => {
    expect(isFrenchPublicHoliday(DateTime.fromISO(isoDate, { zone: ZONE }))).toBe(expected);
  });
});

describe('luhnCheckDigit', () => {
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('7992739871')).toBe(3);
    expect(luhnCheckDigit('1000000000')).toBe(9);
  });
});

describe('mulberry32', () => {
  it('is reproducible and stays in [0, 1)', () => {
    const first = mulberry32(42);
    const second = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(draws);
    expect(draws.every((draw) => draw >= 0 && draw < 1)).toBe(true);
  });
});
