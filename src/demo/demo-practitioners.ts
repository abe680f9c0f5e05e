import { DateTime } from 'luxon';

import { isFrenchPublicHoliday } from '../common/french-holidays';
import { PARIS } from '../common/paris-time';

/**
 * Without `weight`, a commune of the Pays d'Auray weighs its population; any other commune weighs
 * as a small town, less the further down the list it comes.
 */
export interface DemoCommune {
  code: string;
  name: string;
  latitude: number;
  longitude: number;
  weight?: number;
}

export type ConsultationMode = 'in_person' | 'teleconsultation' | 'home_visit';

export interface DemoSlot {
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
}

export interface DemoPractitioner {
  rpps: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  practice: { address: string; communeCode: string; latitude: number; longitude: number };
  modes: ConsultationMode[];
  languages: string[];
  weeklyUrgentCap: number;
  notify: { email: boolean; sms: boolean };
  newPatients: {
    accepting: boolean;
    openPlaces: number;
    ageMin: number | null;
    ageMax: number | null;
  };
  slots: DemoSlot[];
}

export interface OpeningPeriod {
  start: Date;
  end: Date;
}

export type Random = () => number;

export const DEMO_EMAIL_DOMAIN = 'demo.invalid';
export const SLOT_MIN_LEAD_MINUTES = 45;
export const SLOT_HORIZON_HOURS = 48;
export const MAX_SLOTS_PER_PERIOD = 4;

const MINUTE_MS = 60_000;
const QUARTER_HOUR_MS = 15 * MINUTE_MS;
const MAX_COUNT = 500;
const MAX_JITTER_KM = 0.8;
const KM_PER_DEGREE_OF_LATITUDE = 111.32;

// ARCEP keeps these blocks out of service so that works of fiction can print them.
const FICTION_LANDLINE_PREFIX = '+3319900';
const FICTION_MOBILE_PREFIX = '+3363998';

/** Opening periods of a day, each from and to in minutes after midnight. */
type DayHours = ReadonlyArray<readonly [number, number]>;

/** Local opening hours of a working day, Monday to Friday. */
const WEEKDAY_HOURS: DayHours = [
  [8 * 60, 12 * 60 + 30],
  [13 * 60 + 30, 19 * 60 + 30],
];

/** Local opening hours by ISO weekday (1 = Monday); Sunday is closed. */
const OPENING_HOURS: Readonly<Record<number, DayHours>> = {
  1: WEEKDAY_HOURS,
  2: WEEKDAY_HOURS,
  3: WEEKDAY_HOURS,
  4: WEEKDAY_HOURS,
  5: WEEKDAY_HOURS,
  6: [[8 * 60 + 30, 12 * 60]],
};

/** Legal populations (INSEE, as shipped by @etalab/decoupage-administratif 6.0.0). */
const PAYS_D_AURAY_POPULATIONS = new Map<string, number>([
  ['56007', 14207],
  ['56177', 7682],
  ['56023', 7052],
  ['56176', 6262],
  ['56186', 4876],
  ['56175', 4207],
  ['56034', 4194],
  ['56097', 4056],
  ['56054', 4008],
  ['56013', 3893],
  ['56119', 3530],
  ['56046', 3423],
  ['56031', 3260],
  ['56161', 3175],
  ['56263', 2889],
  ['56096', 2516],
  ['56234', 2344],
  ['56168', 2285],
  ['56055', 2074],
  ['56258', 1845],
  ['56116', 1577],
  ['56233', 1575],
  ['56086', 219],
  ['56085', 104],
]);
const UNKNOWN_COMMUNE_POPULATION = 2000;

/** Probability of publishing 0, 1, 2, 3 or 4 urgent slots in one half-day. */
const SLOTS_PER_PERIOD_WEIGHTS = [0.35, 0.25, 0.2, 0.12, 0.08];

const MALE_FIRST_NAMES = [
  'Yann',
  'Erwan',
  'Loïc',
  'Gwenaël',
  'Ronan',
  'Mathieu',
  'Nicolas',
  'Thomas',
  'Julien',
  'Antoine',
  'Guillaume',
  'Pierre',
  'François',
  'Jean-Marc',
  'Hervé',
  'Olivier',
  'Stéphane',
  'Benoît',
  'Sébastien',
  'Maël',
];

const FEMALE_FIRST_NAMES = [
  'Anne',
  'Nolwenn',
  'Maïwenn',
  'Gaëlle',
  'Soizic',
  'Claire',
  'Sophie',
  'Camille',
  'Émilie',
  'Hélène',
  'Isabelle',
  'Céline',
  'Aurélie',
  'Élodie',
  'Marie',
  'Cécile',
  'Laëtitia',
  'Morgane',
  'Katell',
  'Juliette',
];

const LAST_NAMES = [
  'Le Gall',
  'Le Goff',
  'Le Floch',
  'Guégan',
  'Le Bihan',
  'Jégo',
  'Le Corre',
  'Tanguy',
  'Le Roux',
  'Kerhervé',
  'Le Pennec',
  'Morvan',
  'Le Moing',
  'Évano',
  'Le Guen',
  'Le Du',
  'Le Saux',
  'Le Meur',
  'Quéré',
  'Guillou',
  'Caradec',
  'Le Bris',
  'Hamon',
  'Kervarec',
  'Daniélou',
  'Jaffré',
  'Le Priol',
  'Cadoret',
  'Mahéo',
  'Martin',
  'Bernard',
  'Lefèvre',
  'Girard',
  'Fournier',
  'Mercier',
  'Rousseau',
  'Chevalier',
  'Lambert',
  'Perrin',
  'Gauthier',
];

const STREETS = [
  'rue du Général de Gaulle',
  'rue de la Mairie',
  "place de l'Église",
  'avenue de la Gare',
  'rue des Écoles',
  'rue Jean Jaurès',
  'rue du Port',
  'rue de la Plage',
  'rue des Mimosas',
  'allée des Chênes',
  'rue du Maréchal Foch',
  'rue Victor Hugo',
  'place de la République',
  'rue de Verdun',
  'impasse des Ajoncs',
  'rue du Calvaire',
  'rue de la Fontaine',
  'rue des Hortensias',
];

const AGE_RESTRICTIONS = [
  { ageMin: 16, ageMax: null },
  { ageMin: null, ageMax: 70 },
];

interface Traits {
  modes: ConsultationMode[];
  languages: string[];
  weeklyUrgentCap: number;
  notify: { email: boolean; sms: boolean };
  newPatients: DemoPractitioner['newPatients'];
  publishesSlots: boolean;
}

interface Identity {
  rpps: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  practice: DemoPractitioner['practice'];
  slotMinutes: number;
}

/**
 * The demo territory's fictitious GPs with their urgent slots over the 48 hours after `now`.
 * Identities and traits depend on `seed` only; each half-day's slots depend on `seed`, the GP and
 * that half-day, so a later `now` shows the same slots minus those that went by.
 */
export function buildDemoPractitioners(
  communes: readonly DemoCommune[],
  now: Date,
  seed = 1,
  count = 30,
): DemoPractitioner[] {
  assertInputs(communes, now, count);
  const random = mulberry32(mixSeed(seed));
  const traits = assignTraits(random, count);
  const identities = buildIdentities(random, communes, traits);
  const periods = openingPeriodsBetween(now, addMinutes(now, SLOT_HORIZON_HOURS * 60));
  return identities.map((identity, index) => {
    const { slotMinutes, ...person } = identity;
    const { publishesSlots, ...offer } = traits[index];
    const slots = publishesSlots
      ? buildSlots(periods, now, slotMinutes, offer.modes, (period) =>
          mulberry32(mixSeed(seed, index, period.start.getTime() / MINUTE_MS)),
        )
      : [];
    return { ...person, ...offer, slots };
  });
}

/**
 * Opening half-days, in Europe/Paris local time, that overlap [from, to]. Public holidays are
 * closed like Sundays: the out-of-hours service (PDSA) covers them, not the GPs' urgent slots.
 */
export function openingPeriodsBetween(from: Date, to: Date): OpeningPeriod[] {
  const periods: OpeningPeriod[] = [];
  const lastDay = DateTime.fromJSDate(to, { zone: PARIS }).startOf('day');
  let day = DateTime.fromJSDate(from, { zone: PARIS }).startOf('day');
  while (day <= lastDay) {
    const hours = isFrenchPublicHoliday(day) ? [] : (OPENING_HOURS[day.weekday] ?? []);
    for (const [open, close] of hours) {
      const period = { start: atLocalMinute(day, open), end: atLocalMinute(day, close) };
      if (period.end > from && period.start < to) periods.push(period);
    }
    day = day.plus({ days: 1 });
  }
  return periods;
}

export function luhnCheckDigit(payload: string): number {
  let sum = 0;
  for (let position = 0; position < payload.length; position++) {
    const digit = Number(payload[payload.length - 1 - position]);
    const doubled = position % 2 === 0 ? digit * 2 : digit;
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return (10 - (sum % 10)) % 10;
}

/** A small, fast, seeded generator: good enough for demo data, not for anything secret. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function assertInputs(communes: readonly DemoCommune[], now: Date, count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new RangeError(`count must be an integer from 0 to ${MAX_COUNT}, got ${count}`);
  }
  if (Number.isNaN(now.getTime())) throw new RangeError('now must be a valid date');
  if (count > 0 && communes.length === 0) throw new RangeError('at least one commune is needed');
}

function assignTraits(random: Random, count: number): Traits[] {
  const teleconsultation = firstOfShuffle(random, count, share(count, 0.4));
  const homeVisit = firstOfShuffle(random, count, share(count, 0.1));
  const english = firstOfShuffle(random, count, share(count, 0.3));
  const breton = firstOfShuffle(random, count, share(count, 1 / 20));
  const german = firstOfShuffle(random, count, share(count, 1 / 30));
  const withoutSlots = firstOfShuffle(random, count, share(count, 4 / 30));
  const capOrder = shuffle(random, range(count));
  const smsOrder = shuffle(random, range(count));
  const acceptingOrder = shuffle(random, range(count));
  const acceptingCount = share(count, 1 / 3);
  return range(count).map((index) => ({
    modes: modesOf(teleconsultation.has(index), homeVisit.has(index)),
    languages: languagesOf(english.has(index), breton.has(index), german.has(index)),
    weeklyUrgentCap: urgentCapAt(capOrder.indexOf(index), count),
    notify: notifyAt(smsOrder.indexOf(index), count),
    newPatients: newPatientsAt(random, acceptingOrder.indexOf(index), acceptingCount),
    publishesSlots: !withoutSlots.has(index),
  }));
}

function modesOf(teleconsultation: boolean, homeVisit: boolean): ConsultationMode[] {
  const modes: ConsultationMode[] = ['in_person'];
  if (teleconsultation) modes.push('teleconsultation');
  if (homeVisit) modes.push('home_visit');
  return modes;
}

function languagesOf(english: boolean, breton: boolean, german: boolean): string[] {
  const languages = ['fr'];
  if (english) languages.push('en');
  if (breton) languages.push('br');
  if (german) languages.push('de');
  return languages;
}

function urgentCapAt(rank: number, count: number): number {
  const cappedAt10 = share(count, 1 / 15);
  if (rank < cappedAt10) return 10;
  if (rank < cappedAt10 + share(count, 0.1)) return 15;
  return 20;
}

/** Those without e-mail are taken among the SMS ones, so every GP can be reached. */
function notifyAt(rank: number, count: number): Traits['notify'] {
  return { email: rank >= share(count, 1 / 15), sms: rank < share(count, 0.4) };
}

function newPatientsAt(
  random: Random,
  rank: number,
  acceptingCount: number,
): Traits['newPatients'] {
  if (rank >= acceptingCount)
    return { accepting: false, openPlaces: 0, ageMin: null, ageMax: null };
  const restriction = AGE_RESTRICTIONS[rank] ?? { ageMin: null, ageMax: null };
  return { accepting: true, openPlaces: randomInt(random, 1, 10), ...restriction };
}

function buildIdentities(
  random: Random,
  communes: readonly DemoCommune[],
  traits: readonly Traits[],
): Identity[] {
  const rppsTaken = new Set<string>();
  const emailsTaken = new Set<string>();
  const phonesTaken = new Set<string>();
  return traits.map((trait) => {
    const { firstName, lastName, email } = uniqueName(random, emailsTaken);
    const commune = communes[weightedIndex(random, communes.map(communeWeight))];
    return {
      rpps: uniqueRpps(random, rppsTaken),
      firstName,
      lastName,
      email,
      phone: uniquePhone(random, trait.notify.sms, phonesTaken),
      practice: practiceIn(random, commune),
      slotMinutes: random() < 0.5 ? 15 : 20,
    };
  });
}

function communeWeight(commune: DemoCommune, position: number): number {
  return (
    commune.weight ??
    PAYS_D_AURAY_POPULATIONS.get(commune.code) ??
    UNKNOWN_COMMUNE_POPULATION / (position + 1)
  );
}

function uniqueName(
  random: Random,
  taken: Set<string>,
): { firstName: string; lastName: string; email: string } {
  for (;;) {
    const firstNames = random() < 0.5 ? FEMALE_FIRST_NAMES : MALE_FIRST_NAMES;
    const firstName = pick(random, firstNames);
    const lastName = pick(random, LAST_NAMES);
    const email = `${asciiSlug(firstName)}.${asciiSlug(lastName)}@${DEMO_EMAIL_DOMAIN}`;
    if (!taken.has(email)) {
      taken.add(email);
      return { firstName, lastName, email };
    }
  }
}

function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Real RPPS numbers start with 10; the last digit is a Luhn check digit. */
function uniqueRpps(random: Random, taken: Set<string>): string {
  for (;;) {
    const payload = `10${digits(random, 8)}`;
    const rpps = `${payload}${luhnCheckDigit(payload)}`;
    if (!taken.has(rpps)) {
      taken.add(rpps);
      return rpps;
    }
  }
}

/** A GP notified by SMS needs a mobile number; the others give their practice's landline. */
function uniquePhone(random: Random, mobile: boolean, taken: Set<string>): string {
  const prefix = mobile ? FICTION_MOBILE_PREFIX : FICTION_LANDLINE_PREFIX;
  for (;;) {
    const phone = `${prefix}${digits(random, 4)}`;
    if (!taken.has(phone)) {
      taken.add(phone);
      return phone;
    }
  }
}

function practiceIn(random: Random, commune: DemoCommune): DemoPractitioner['practice'] {
  const distanceKm = random() * MAX_JITTER_KM;
  const bearing = random() * 2 * Math.PI;
  const kmPerDegreeOfLongitude =
    KM_PER_DEGREE_OF_LATITUDE * Math.cos((commune.latitude * Math.PI) / 180);
  return {
    address: `${randomInt(random, 1, 48)} ${pick(random, STREETS)}`,
    communeCode: commune.code,
    latitude: roundTo6(
      commune.latitude + (distanceKm * Math.cos(bearing)) / KM_PER_DEGREE_OF_LATITUDE,
    ),
    longitude: roundTo6(
      commune.longitude + (distanceKm * Math.sin(bearing)) / kmPerDegreeOfLongitude,
    ),
  };
}

function buildSlots(
  periods: readonly OpeningPeriod[],
  now: Date,
  slotMinutes: number,
  modes: readonly ConsultationMode[],
  randomFor: (period: OpeningPeriod) => Random,
): DemoSlot[] {
  const earliestStart = addMinutes(now, SLOT_MIN_LEAD_MINUTES);
  const latestEnd = addMinutes(now, SLOT_HORIZON_HOURS * 60);
  return periods
    .flatMap((period) => slotsInPeriod(randomFor(period), period, slotMinutes, modes))
    .filter((slot) => slot.startsAt >= earliestStart && slot.endsAt <= latestEnd)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

function slotsInPeriod(
  random: Random,
  period: OpeningPeriod,
  slotMinutes: number,
  modes: readonly ConsultationMode[],
): DemoSlot[] {
  const wanted = weightedIndex(random, SLOTS_PER_PERIOD_WEIGHTS);
  const lengthMs = slotMinutes * MINUTE_MS;
  const starts: number[] = [];
  for (const start of shuffle(random, quarterHourStarts(period, lengthMs))) {
    if (starts.length === wanted) break;
    if (starts.every((other) => Math.abs(other - start) >= lengthMs)) starts.push(start);
  }
  return starts.map((start) => ({
    startsAt: new Date(start),
    endsAt: new Date(start + lengthMs),
    mode: slotMode(random, modes),
  }));
}

function quarterHourStarts(period: OpeningPeriod, lengthMs: number): number[] {
  const starts: number[] = [];
  for (
    let start = period.start.getTime();
    start + lengthMs <= period.end.getTime();
    start += QUARTER_HOUR_MS
  ) {
    starts.push(start);
  }
  return starts;
}

/** Most urgent slots are at the practice; remote and home ones only where the GP offers them. */
function slotMode(random: Random, modes: readonly ConsultationMode[]): ConsultationMode {
  const draw = random();
  if (draw < 0.2 && modes.includes('teleconsultation')) return 'teleconsultation';
  if (draw >= 0.9 && modes.includes('home_visit')) return 'home_visit';
  return 'in_person';
}

function atLocalMinute(day: DateTime, minuteOfDay: number): Date {
  return day.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 }).toJSDate();
}

function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * MINUTE_MS);
}

function mixSeed(...parts: number[]): number {
  let hash = 0x9e3779b9;
  for (const part of parts) {
    hash = Math.imul(hash ^ (part >>> 0), 0x85ebca6b);
    hash ^= hash >>> 13;
    hash = Math.imul(hash, 0xc2b2ae35);
    hash ^= hash >>> 16;
  }
  return hash >>> 0;
}

function share(count: number, ratio: number): number {
  return Math.round(count * ratio);
}

function firstOfShuffle(random: Random, count: number, size: number): Set<number> {
  return new Set(shuffle(random, range(count)).slice(0, size));
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const shuffled = [...items];
  for (let index = shuffled.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [shuffled[index], shuffled[other]] = [shuffled[other], shuffled[index]];
  }
  return shuffled;
}

function weightedIndex(random: Random, weights: readonly number[]): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let draw = random() * total;
  for (let index = 0; index < weights.length; index++) {
    draw -= weights[index];
    if (draw < 0) return index;
  }
  return weights.length - 1;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function randomInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

function digits(random: Random, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 10)).join('');
}

function roundTo6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
