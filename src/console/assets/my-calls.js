import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import {
  formatCount,
  formatDay,
  formatMinutesLeft,
  formatPhone,
  formatTime,
  minutesUntil,
  parisDate,
  parisToday,
} from '/ui/format.js';
import { STATUS_LABELS } from '/ui/words.js';

import { pressed, say, sayFailure } from './console-page.js';

/** Lists give the initial (`lastInitial`); a full request view gives the last name. */
const initialOf = (patient) => patient.lastInitial ?? patient.lastName[0];
const who = (patient) => `${patient.firstName} ${initialOf(patient)}.`;

function requestItem(request) {
  const left = minutesUntil(request.deadlineAt);
  return el(
    'li',
    {},
    el('a', { href: `#demande-${request.id}` }, request.reference),
    ` ${who(request.patient)} · ${STATUS_LABELS[request.status] ?? request.status}`,
    el(
      'span',
      { className: left < 0 ? 'late' : 'left' },
      left < 0 ? ` · échéance ${formatMinutesLeft(left)}` : ` · reste ${formatMinutesLeft(left)}`,
    ),
  );
}

function callbackItem(callback) {
  const { request } = callback;
  const { patient } = request;
  const day = parisDate(callback.dueAt);
  const at = `${formatTime(callback.dueAt)}${day === parisToday() ? '' : ` le ${formatDay(day)}`}`;
  const late = Date.parse(callback.dueAt) < Date.now();
  const name = `${who(patient)} à ${at}`;
  return el(
    'li',
    { className: late ? 'late' : undefined },
    el('p', {}, el('strong', {}, `Rappeler ${name}`), late && ' (en retard)'),
    el(
      'p',
      {},
      `${formatPhone(patient.phone)} · `,
      el('a', { href: `#demande-${request.id}` }, request.reference),
      ` · ${STATUS_LABELS[request.status] ?? request.status}`,
    ),
    callback.note && el('p', { className: 'muted' }, callback.note),
    el(
      'button',
      {
        type: 'button',
        className: 'secondary',
        'aria-label': `Rappel de ${name} fait`,
        onclick: (event) =>
          pressed(event.currentTarget, 'Rappel', async () => {
            await api(`/callbacks/${callback.id}/done`, { method: 'POST' });
            say(`Rappel de ${who(patient)} noté comme fait.`);
            await loadMyCalls();
          }),
      },
      'Fait',
    ),
  );
}

async function loadOpen() {
  const { items } = await api('/requests?mine=true&open=true&limit=100');
  const sorted = [...items].sort((a, b) => a.deadlineAt.localeCompare(b.deadlineAt));
  fill(byId('open'), sorted.map(requestItem));
  byId('open-empty').hidden = items.length > 0;
}

async function loadCallbacks() {
  const { items } = await api('/callbacks?mine=true&done=false');
  fill(byId('callbacks'), items.map(callbackItem));
  byId('callbacks-empty').hidden = items.length > 0;
}

/** The operator's open requests and callbacks due, read again. */
export async function loadMyCalls() {
  const results = await Promise.allSettled([loadOpen(), loadCallbacks()]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

async function search(event) {
  event.preventDefault();
  const q = byId('search').value.trim();
  if (!q) {
    byId('search-results').hidden = true;
    return;
  }
  const { items } = await api(`/requests?${new URLSearchParams({ q, limit: '20' })}`);
  fill(
    byId('search-list'),
    items.map(requestItem),
    items.length === 0 && el('li', { className: 'muted' }, 'Aucune demande trouvée.'),
  );
  byId('search-results').hidden = false;
  say(`${formatCount(items.length, 'demande trouvée', 'demandes trouvées')}.`);
}

export function startMyCalls() {
  byId('search-form').addEventListener('submit', (event) =>
    search(event).catch((error) => sayFailure('Recherche', error)),
  );
}
