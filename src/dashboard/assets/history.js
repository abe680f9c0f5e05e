import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatDateTime, formatMinutesLeft, practitionerName } from '/ui/format.js';
import {
  HISTORY_LABELS,
  KIND_LABELS,
  MODE_LABELS,
  REDIRECT_LABELS,
  STATUS_LABELS,
  UNMET_REASON_LABELS,
} from '/ui/words.js';

const DETAIL_LABELS = {
  byCoordinator: 'Par la coordination',
  note: 'Note',
  reason: 'Motif',
  to: 'Vers',
  fromStatus: 'Statut précédent',
  unmetReason: 'Cause',
  outcome: 'Issue',
  source: 'Moyen',
  startsAt: 'Heure',
  expiresAt: 'Échéance',
  assignedAt: 'Attribué le',
  minutesLeft: 'Temps restant',
  late: 'En retard',
  staysOnWaitingList: 'Reste en liste d’attente',
  sasRegulator: 'Régulateur SAS',
};

const SOURCE_LABELS = {
  matching: 'recherche automatique',
  coordinator_slot: 'créneau choisi par la coordination',
  surnumeraire: 'surnuméraire',
};

const INSTANTS = new Set(['startsAt', 'expiresAt', 'assignedAt']);

/** Ids (of the slot, the appointment, who acted — said by `by`) mean nothing to a reader. */
const hiddenDetail = (key) => key === 'kind' || key.endsWith('Id');

/** How a person's role reads after their name; a practitioner's name ("Dr …") says it already. */
const PERSON_ROLE_LABELS = {
  coordinator: 'coordination',
  operator: 'plateforme',
  regulator: 'régulation SAS',
};

/** "par Dr Anne Martin", "par Mme Le Goff (coordination)", "par Agenda Doctolib (logiciel)". */
export function actorLabel(by) {
  if (!by?.name) return null;
  const role = by.kind === 'token' ? 'logiciel' : PERSON_ROLE_LABELS[by.role];
  return role ? `par ${by.name} (${role})` : `par ${by.name}`;
}

function detailValue(key, value) {
  if (key === 'to') return REDIRECT_LABELS[value] ?? String(value);
  if (key === 'fromStatus') return STATUS_LABELS[value] ?? String(value);
  if (key === 'unmetReason') return UNMET_REASON_LABELS[value] ?? String(value);
  if (key === 'source') return SOURCE_LABELS[value] ?? String(value);
  if (INSTANTS.has(key) && typeof value === 'string') return formatDateTime(value);
  if (key === 'minutesLeft' && typeof value === 'number') return formatMinutesLeft(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (key === 'outcome') return value === 'no_show' ? 'patient absent' : 'honoré';
  if (key === 'sasRegulator') {
    const origin = value.origin ? `, depuis ${value.origin}` : '';
    return `identifiant national ${value.nationalId}${origin}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function details(detail, named) {
  const entries = Object.entries(detail).filter(
    ([key, value]) =>
      value !== undefined &&
      value !== null &&
      !hiddenDetail(key) &&
      // Older entries name nobody: there the flag still says the coordination acted.
      !(named && key === 'byCoordinator'),
  );
  if (entries.length === 0) return null;
  return el(
    'dl',
    { className: 'details' },
    entries.map(([key, value]) => [
      el('dt', {}, DETAIL_LABELS[key] ?? key),
      el('dd', {}, detailValue(key, value)),
    ]),
  );
}

/** Shows a request's audit trail: who did what, when, from which status, with which note. */
export async function showHistory(id) {
  const section = byId('history-section');
  const request = await api(`/requests/${id}`);
  const appointment = request.appointment;
  fill(
    byId('history'),
    el(
      'p',
      {},
      el('code', {}, request.reference),
      ` — ${KIND_LABELS[request.kind] ?? request.kind} — ${request.patient.firstName} ${request.patient.lastName} — `,
      el('strong', {}, STATUS_LABELS[request.status] ?? request.status),
    ),
    request.reason
      ? el('p', {}, 'Motif : ', el('span', { className: 'reason' }, request.reason))
      : null,
    appointment
      ? el(
          'p',
          {},
          `Rendez-vous : ${practitionerName(appointment.practitioner)}, `,
          `${formatDateTime(appointment.startsAt)} (${MODE_LABELS[appointment.mode] ?? appointment.mode})`,
        )
      : null,
    el(
      'ol',
      { className: 'timeline' },
      request.history.map((event) => {
        const actor = actorLabel(event.by);
        return el(
          'li',
          {},
          el('time', { datetime: event.at }, formatDateTime(event.at)),
          ' ',
          el('strong', {}, HISTORY_LABELS[event.type] ?? event.type),
          actor ? [' ', el('span', { className: 'actor' }, actor)] : null,
          details(event.detail, Boolean(actor)),
        );
      }),
    ),
  );
  section.hidden = false;
  byId('history-title').focus();
}

export function hideHistory() {
  byId('history-section').hidden = true;
}
