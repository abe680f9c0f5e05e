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

export const KIND_LABELS = {
  urgent: 'Soins non programmés',
  referring_physician: 'Médecin traitant',
};

export const STATUS_LABELS = {
  pending: 'En attente',
  offered: 'Proposée à un médecin',
  booked: 'Rendez-vous fixé',
  assigned: 'Médecin traitant trouvé',
  unmet: 'Non satisfaite',
  redirected: 'Réorientée',
  cancelled: 'Annulée',
};

export const UNMET_REASON_LABELS = {
  no_slot_in_territory: 'Aucun créneau dans le territoire',
  no_slot_for_mode: 'Aucun créneau dans un mode accepté',
  no_slot_before_deadline: "Créneaux tous pris avant l'échéance",
  caps_reached: 'Plafonds hebdomadaires des médecins atteints',
  no_practitioner_accepting: "Aucun médecin n'accepte de nouveaux patients",
  no_practitioner_answered: "Aucun médecin n'a accepté à temps",
  unknown: 'Motif non renseigné',
};

export const MODE_LABELS = {
  in_person: 'cabinet',
  teleconsultation: 'téléconsultation',
  home_visit: 'visite à domicile',
};

export const REDIRECT_LABELS = {
  mmg: 'Maison médicale de garde',
  emergency: 'Urgences',
  teleconsultation: 'Téléconsultation',
  other: 'Autre ressource',
};

export const HISTORY_LABELS = {
  created: 'Demande déposée',
  offered: 'Proposée à un médecin',
  offer_declined: 'Proposition refusée',
  offer_expired: 'Proposition expirée',
  nobody_left_to_ask: 'Aucun autre médecin à solliciter pour l’instant',
  booked: 'Rendez-vous fixé',
  assigned: 'Médecin traitant attribué',
  escalated: 'Alerte coordination',
  unmet: 'Échéance dépassée',
  redirected: 'Réorientée',
  cancelled: 'Annulée',
  outcome: 'Issue du rendez-vous',
};
