import { WEEKDAY_LABELS } from './words.js';

const PARIS = 'Europe/Paris';

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  weekday: 'short',
  day: '2-digit',
  month: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});
const timeFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  hour: '2-digit',
  minute: '2-digit',
});
const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: PARIS,
  day: '2-digit',
  month: '2-digit',
});

export const formatDateTime = (iso) => dateTimeFormat.format(new Date(iso));
export const formatTime = (iso) => timeFormat.format(new Date(iso));
export const formatDay = (isoDate) => dayFormat.format(new Date(`${isoDate}T12:00:00Z`));

export const minutesUntil = (iso) => Math.floor((Date.parse(iso) - Date.now()) / 60_000);

function duration(minutes) {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  if (hours < 48) return `${hours} h ${String(rest).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

export function formatMinutesLeft(minutes) {
  return minutes < 0 ? `dépassée de ${duration(-minutes)}` : duration(minutes);
}

export const formatPercent = (share) =>
  share === null ? '—' : `${(share * 100).toFixed(1).replace('.', ',')} %`;

export const formatNumber = (value) => (value === null ? '—' : String(value).replace('.', ','));

/** Plain letters for comparing names: « Le Gall » and « le gâll » match. */
export const plain = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();

/** How the pages name a GP. */
export const practitionerName = ({ firstName, lastName }) => `Dr ${firstName} ${lastName}`;

/** "0 place", "1 place", "2 places": French takes the singular below two. */
export const formatCount = (count, singular, plural) => `${count} ${count > 1 ? plural : singular}`;

function parisOffsetMinutes(utcMillis) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: PARIS,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMillis));
  const get = (type) => Number(parts.find((part) => part.type === type).value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((wall - utcMillis) / 60_000);
}

/** A Paris wall time (`2027-03-28` or `2027-03-28T14:30`) as an RFC 3339 UTC instant. */
export function parisToIso(wallTime) {
  const [date, time = '00:00'] = wallTime.split('T');
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = time.split(':').map(Number);
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let utc = wall - parisOffsetMinutes(wall) * 60_000;
  utc = wall - parisOffsetMinutes(utc) * 60_000;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/** `2027-03-28` plus some days, as a date string. */
export function addDays(date, days) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Today in Paris, as a date string. */
export const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: PARIS }).format(new Date());

const parisDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: PARIS });
const longDayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
});

/** The Paris calendar date of an instant, as `2027-03-28`. */
export const parisDate = (iso) => parisDateFormat.format(new Date(iso));

/** `2027-03-28` as « dimanche 28 mars » (long) or « dim. 28 mars » (short). */
export const formatDateLong = (date) => longDayFormat.format(new Date(`${date}T12:00:00Z`));
export const formatDateShort = (date) => shortDayFormat.format(new Date(`${date}T12:00:00Z`));

/** ISO weekday of a date string: 1 = lundi … 7 = dimanche. */
export function isoWeekday(date) {
  const day = new Date(`${date}T12:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Whole days since an instant, for « il y a 3 jours ». */
export const daysSince = (iso) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);

/** « aujourd’hui », « hier », « il y a 3 jours ». */
export function formatDaysAgo(iso) {
  const days = daysSince(iso);
  if (days <= 0) return 'aujourd’hui';
  if (days === 1) return 'hier';
  return `il y a ${days} jours`;
}

/** `HH:MM` plus minutes, within the day. */
export function addMinutes(time, minutes) {
  const [hour, minute] = time.split(':').map(Number);
  const total = hour * 60 + minute + minutes;
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** A French number stored as E.164 (`+33600000001`) as people say it: « 06 00 00 00 01 ». */
export function formatPhone(e164) {
  if (!/^\+33\d{9}$/.test(e164 ?? '')) return e164 ?? '';
  return `0${e164.slice(3)}`.replace(/(\d{2})(?=\d)/g, '$1 ');
}

/** A distance in kilometres, French style: « 3,2 km ». */
export const formatKm = (km) => `${km.toFixed(1).replace('.', ',')} km`;

/** Opening hours as people read them: "lundi 20:00–24:00 ; samedi 12:00–24:00". */
export function formatOpeningHours(hours) {
  if (!hours || hours.length === 0) return 'horaires non renseignés';
  return [...hours]
    .sort((a, b) => a.weekday - b.weekday || a.opens.localeCompare(b.opens))
    .map((range) => `${WEEKDAY_LABELS[range.weekday]} ${range.opens}–${range.closes}`)
    .join(' ; ');
}
