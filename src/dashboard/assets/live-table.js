import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatDateTime, practitionerName } from '/ui/format.js';
import { MODE_LABELS } from '/ui/words.js';

import {
  byFrench,
  communeName,
  filterLiveTable,
  summaryText,
  territorySummary,
} from './live-summary.js';

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

/** Free slots of every practitioner, soonest first, for the assignment form. */
export function freeSlots() {
  return liveTable.items
    .flatMap((item) => item.freeSlots.map((slot) => ({ ...slot, practitioner: item.practitioner })))
    .sort(byStart);
}

export const practitioners = () =>
  liveTable.items.map((item) => item.practitioner).sort((a, b) => byFrench(a.lastName, b.lastName));

export const slotLabel = (slot) =>
  `${practitionerName(slot.practitioner)} (${communeName(slot.practitioner)}) — ` +
  `${formatDateTime(slot.startsAt)} · ${MODE_LABELS[slot.mode] ?? slot.mode}`;

export const practitionerLabel = (practitioner) =>
  `${practitionerName(practitioner)} (${communeName(practitioner)})`;

function communeGroups(items) {
  const groups = new Map();
  for (const item of items) {
    const commune = communeName(item.practitioner);
    if (!groups.has(commune)) groups.set(commune, []);
    groups.get(commune).push(item);
  }
  return [...groups].sort(([a], [b]) => byFrench(a, b));
}

/** When the GP last said what they have: under their name, in red once a week has gone by. */
function updated(item) {
  if (!item.availabilityUpdatedAt)
    return el('span', { className: 'kind stale' }, 'jamais mis à jour');
  const stale = Date.now() - Date.parse(item.availabilityUpdatedAt) > STALE_MS;
  return el(
    'span',
    { className: stale ? 'kind stale' : 'kind' },
    `mis à jour ${formatDateTime(item.availabilityUpdatedAt)}`,
    stale ? ' (à relancer)' : '',
  );
}

function row(item) {
  const { accepting, openPlaces, expired } = item.newPatients;
  return el(
    'tr',
    { 'data-practitioner-id': item.practitioner.id },
    el('th', { scope: 'row' }, practitionerName(item.practitioner), updated(item)),
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
                `${formatDateTime(slot.startsAt)} · ${MODE_LABELS[slot.mode] ?? slot.mode}`,
              ),
            ),
          ),
    ),
    el(
      'td',
      {},
      accepting
        ? `oui, ${formatCount(openPlaces, 'place', 'places')}`
        : el('span', { className: 'muted' }, expired ? 'non (déclaration à confirmer)' : 'non'),
    ),
  );
}

function communeTable([commune, items]) {
  const slots = items.reduce((sum, item) => sum + item.freeSlots.length, 0);
  return el(
    'table',
    { className: 'live' },
    el('caption', {}, `${commune} — ${formatCount(slots, 'créneau libre', 'créneaux libres')}`),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Médecin'),
        el('th', { scope: 'col' }, 'Créneaux libres'),
        el('th', { scope: 'col' }, 'Nouveaux patients'),
      ),
    ),
    el(
      'tbody',
      {},
      items.sort((a, b) => byFrench(a.practitioner.lastName, b.practitioner.lastName)).map(row),
    ),
  );
}

const liveFilter = () => ({
  query: byId('live-search').value,
  availableOnly: byId('live-available').checked,
});

export function renderLiveTable() {
  byId('live-summary').textContent =
    liveTable.items.length === 0 ? '' : summaryText(territorySummary(liveTable.items));
  const shown = filterLiveTable(liveTable.items, liveFilter());
  if (shown.length === 0) {
    const empty =
      liveTable.items.length === 0 ? 'Aucun médecin actif.' : 'Aucun médecin ne correspond.';
    fill(byId('live'), el('p', { className: 'muted' }, empty));
    return;
  }
  fill(byId('live'), communeGroups(shown).map(communeTable));
}

byId('live-search').addEventListener('input', renderLiveTable);
byId('live-available').addEventListener('change', renderLiveTable);
