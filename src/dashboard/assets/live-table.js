import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatDateTime, formatTime } from '/ui/format.js';
import { MODE_LABELS } from '/ui/words.js';

const WINDOW_MS = 48 * 3_600_000;
const STALE_MS = 7 * 86_400_000;

/** The live table as last read, kept current by the availability stream. */
export const liveTable = { items: [] };

export async function loadLiveTable() {
  const table = await api('/availability');
  liveTable.items = table.items;
  renderLiveTable();
}

const byStart = (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/** Applies one availability event; answers whether the table must be read again. */
export function applyAvailabilityEvent({ type, data }) {
  const item = liveTable.items.find((entry) => entry.practitioner.id === data.practitionerId);
  if (type === 'slot.booked' || type === 'slot.held' || type === 'slot.removed') {
    if (item) item.freeSlots = item.freeSlots.filter((slot) => slot.id !== data.slotId);
  } else if (type === 'slot.published' || type === 'slot.released') {
    if (!item) return true;
    const start = Date.parse(data.startsAt);
    const inWindow = start >= Date.now() && start < Date.now() + WINDOW_MS;
    if (inWindow && !item.freeSlots.some((slot) => slot.id === data.slotId)) {
      const { slotId: id, startsAt, endsAt, mode } = data;
      item.freeSlots = [...item.freeSlots, { id, startsAt, endsAt, mode }].sort(byStart);
    }
    item.availabilityUpdatedAt = new Date().toISOString();
  } else if (type === 'capacity.updated') {
    if (!item) return true;
    const { accepting, openPlaces, updatedAt } = data;
    item.newPatients = { accepting, openPlaces, updatedAt, expired: false };
  }
  renderLiveTable();
  return false;
}

const practitionerName = ({ firstName, lastName }) => `Dr ${firstName} ${lastName}`;

/** Free slots of every practitioner, soonest first, for the assignment form. */
export function freeSlots() {
  return liveTable.items
    .flatMap((item) => item.freeSlots.map((slot) => ({ ...slot, practitioner: item.practitioner })))
    .sort(byStart);
}

export const practitioners = () =>
  liveTable.items
    .map((item) => item.practitioner)
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr'));

export const slotLabel = (slot) =>
  `${practitionerName(slot.practitioner)} (${slot.practitioner.communeName ?? slot.practitioner.communeCode}) — ` +
  `${formatDateTime(slot.startsAt)} · ${MODE_LABELS[slot.mode] ?? slot.mode}`;

export const practitionerLabel = (practitioner) =>
  `${practitionerName(practitioner)} (${practitioner.communeName ?? practitioner.communeCode})`;

function communeGroups() {
  const groups = new Map();
  for (const item of liveTable.items) {
    const name = item.practitioner.communeName ?? item.practitioner.communeCode;
    if (!groups.has(name)) groups.set(name, []);
    groups.get(name).push(item);
  }
  return [...groups].sort(([a], [b]) => a.localeCompare(b, 'fr'));
}

function updatedCell(item) {
  if (!item.availabilityUpdatedAt) return el('td', { className: 'stale' }, 'jamais');
  const stale = Date.now() - Date.parse(item.availabilityUpdatedAt) > STALE_MS;
  return el(
    'td',
    { className: stale ? 'stale' : undefined },
    formatDateTime(item.availabilityUpdatedAt),
    stale ? ' (à relancer)' : '',
  );
}

function row(item) {
  const { accepting, openPlaces, expired } = item.newPatients;
  return el(
    'tr',
    { 'data-practitioner-id': item.practitioner.id },
    el('th', { scope: 'row' }, practitionerName(item.practitioner)),
    el(
      'td',
      {},
      item.freeSlots.length === 0
        ? el('span', { className: 'muted' }, 'aucun')
        : el(
            'ul',
            { className: 'slots' },
            item.freeSlots.map((slot) =>
              el(
                'li',
                { 'data-slot-id': slot.id },
                `${formatDateTime(slot.startsAt)}–${formatTime(slot.endsAt)} · ${MODE_LABELS[slot.mode] ?? slot.mode}`,
              ),
            ),
          ),
    ),
    el(
      'td',
      {},
      accepting
        ? `oui, ${openPlaces} place${openPlaces > 1 ? 's' : ''}`
        : el('span', { className: 'muted' }, expired ? 'non (déclaration à confirmer)' : 'non'),
    ),
    updatedCell(item),
  );
}

export function renderLiveTable() {
  const groups = communeGroups();
  if (groups.length === 0) {
    fill(byId('live'), el('p', { className: 'muted' }, 'Aucun médecin actif.'));
    return;
  }
  fill(
    byId('live'),
    groups.map(([commune, items]) => {
      const slots = items.reduce((sum, item) => sum + item.freeSlots.length, 0);
      return el(
        'div',
        { className: 'table-wrap' },
        el(
          'table',
          { className: 'live' },
          el(
            'caption',
            {},
            `${commune} — ${slots} créneau${slots > 1 ? 'x' : ''} libre${slots > 1 ? 's' : ''}`,
          ),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              el('th', { scope: 'col' }, 'Médecin'),
              el('th', { scope: 'col' }, 'Créneaux libres'),
              el('th', { scope: 'col' }, 'Nouveaux patients'),
              el('th', { scope: 'col' }, 'Mise à jour'),
            ),
          ),
          el(
            'tbody',
            {},
            items
              .sort((a, b) => a.practitioner.lastName.localeCompare(b.practitioner.lastName, 'fr'))
              .map(row),
          ),
        ),
      );
    }),
  );
}
