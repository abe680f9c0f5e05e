import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatDateTime, formatMinutesLeft, minutesUntil, parisToIso } from '/ui/format.js';
import { KIND_LABELS, MODE_LABELS, REDIRECT_LABELS, UNMET_REASON_LABELS } from '/ui/words.js';

import { freeSlots, practitionerLabel, practitioners, slotLabel } from './live-table.js';

const SOON_MINUTES = 120;

let handlers = { onHistory: () => {}, onNotice: () => {}, canAct: false };

export function setRequestHandlers(next) {
  handlers = next;
}

export async function loadRequestLists() {
  const [atRisk, unmet] = await Promise.all([
    api('/monitoring/requests?state=at_risk&limit=200'),
    api('/monitoring/requests?state=unmet&limit=200'),
  ]);
  renderList('at-risk', atRisk.items, 'at_risk');
  renderList('unmet', unmet.items, 'unmet');
}

/** Reads the lists again, unless the coordinator is filling in an action form. */
export function refreshRequestLists() {
  if (document.querySelector('.actions-row:not([hidden])')) return Promise.resolve();
  return loadRequestLists();
}

/** Refreshes the "time left" cells without reading the lists again. */
export function tickTimeLeft() {
  for (const cell of document.querySelectorAll('[data-deadline]')) {
    const minutes = minutesUntil(cell.dataset.deadline);
    cell.textContent = formatMinutesLeft(minutes);
    cell.classList.toggle('soon', minutes < SOON_MINUTES);
  }
}

const patientName = (request) => `${request.patient.firstName} ${request.patient.lastName}`;

function renderList(id, items, state) {
  fill(byId(`${id}-count`), String(items.length));
  const container = byId(id);
  if (items.length === 0) {
    fill(
      container,
      el(
        'p',
        { className: 'muted' },
        state === 'at_risk' ? 'Aucune demande à risque.' : 'Aucune demande non satisfaite.',
      ),
    );
    return;
  }
  const lastColumn = state === 'at_risk' ? 'Temps restant' : 'Cause';
  fill(
    container,
    el(
      'table',
      { className: 'requests' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          [
            'Référence',
            'Patient',
            'Commune',
            'Motif',
            'Modes acceptés',
            'Échéance',
            lastColumn,
            'Actions',
          ].map((title) => el('th', { scope: 'col' }, title)),
        ),
      ),
      items.map((request) => requestRows(request, state)),
    ),
  );
}

function requestRows(request, state) {
  const panelId = `actions-${state}-${request.id}`;
  const canAct = handlers.canAct;
  const panel = el(
    'tr',
    { id: panelId, className: 'actions-row', hidden: true },
    el('td', { colspan: 8 }),
  );
  const referenceId = `${state}-${request.id}-reference`;
  const toggle = el(
    'button',
    {
      type: 'button',
      'aria-describedby': referenceId,
      'aria-expanded': 'false',
      'aria-controls': panelId,
      onclick: () => togglePanel(toggle, panel, request),
    },
    'Orienter',
  );
  const lastCell =
    state === 'at_risk'
      ? el(
          'td',
          { 'data-deadline': request.deadlineAt },
          formatMinutesLeft(minutesUntil(request.deadlineAt)),
        )
      : el('td', {}, UNMET_REASON_LABELS[request.unmetReason ?? 'unknown'] ?? request.unmetReason);
  const row = el(
    'tr',
    { id: `${state}-${request.id}`, 'data-request-id': request.id },
    el(
      'th',
      { scope: 'row' },
      el('code', { id: referenceId }, request.reference),
      el('span', { className: 'kind' }, KIND_LABELS[request.kind] ?? request.kind),
    ),
    el('td', {}, patientName(request)),
    el('td', {}, request.communeName ?? request.patient.communeCode),
    el('td', { className: 'reason' }, request.reason ?? '—'),
    el('td', {}, request.acceptedModes.map((mode) => MODE_LABELS[mode] ?? mode).join(', ')),
    el('td', {}, formatDateTime(request.deadlineAt)),
    lastCell,
    el(
      'td',
      { className: 'row-actions' },
      canAct ? toggle : null,
      el(
        'button',
        {
          type: 'button',
          className: 'secondary',
          'aria-describedby': referenceId,
          onclick: () => handlers.onHistory(request.id),
        },
        'Historique',
      ),
    ),
  );
  return el('tbody', {}, row, canAct ? panel : null);
}

function togglePanel(toggle, panel, request) {
  const open = panel.hidden;
  panel.hidden = !open;
  toggle.setAttribute('aria-expanded', String(open));
  if (!open) return;
  const form = actionForm(request, () => {
    panel.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    toggle.focus();
  });
  fill(panel.firstElementChild, form);
  form.querySelector('textarea').focus();
}

function select(id, label, options) {
  return [
    el('label', { for: id }, label),
    el(
      'select',
      { id },
      options.map(([value, text]) => el('option', { value }, text)),
    ),
  ];
}

function actionForm(request, close) {
  const prefix = `act-${request.id}`;
  const error = el('p', { className: 'error', role: 'alert' });
  const note = el('textarea', { id: `${prefix}-note`, rows: 2, maxlength: 1000, required: true });

  async function submit(path, body, success) {
    const text = note.value.trim();
    if (!text) {
      error.textContent = 'Saisissez une note : elle est gardée dans l’historique.';
      note.focus();
      return;
    }
    error.textContent = '';
    try {
      await api(`/requests/${request.id}/${path}`, {
        method: 'POST',
        body: { ...body, note: text },
      });
      close();
      handlers.onNotice(`${request.reference} : ${success}`);
      await loadRequestLists();
    } catch (failure) {
      error.textContent = `Action refusée : ${failure.message}`;
    }
  }

  const accepted = (slot) => request.acceptedModes.includes(slot.mode);
  const slots = freeSlots().sort((a, b) => Number(accepted(b)) - Number(accepted(a)));
  const doctors = practitioners();
  const slotField = `${prefix}-slot`;
  const doctorField = `${prefix}-doctor`;
  const timeField = `${prefix}-time`;
  const targetField = `${prefix}-target`;
  const value = (id) => document.getElementById(id).value;
  const slotById = (id) => slots.find((slot) => slot.id === id);

  const assignSlot =
    request.kind === 'urgent'
      ? el(
          'fieldset',
          {},
          el('legend', {}, 'Affecter à un créneau libre'),
          slots.length === 0
            ? el('p', { className: 'muted' }, 'Aucun créneau libre dans les 48 h.')
            : [
                select(
                  slotField,
                  'Créneau',
                  slots.map((slot) => [
                    slot.id,
                    `${slotLabel(slot)}${accepted(slot) ? '' : ' (mode non demandé)'}`,
                  ]),
                ),
                el(
                  'button',
                  {
                    type: 'button',
                    onclick: () => {
                      const slot = slotById(value(slotField));
                      void submit(
                        'assign',
                        { practitionerId: slot.practitioner.id, slotId: slot.id },
                        'rendez-vous fixé sur le créneau.',
                      );
                    },
                  },
                  'Affecter au créneau',
                ),
              ],
        )
      : null;

  const doctorChoice = select(
    doctorField,
    'Médecin',
    doctors.map((doctor) => [doctor.id, practitionerLabel(doctor)]),
  );
  const assignDoctor =
    request.kind === 'urgent'
      ? el(
          'fieldset',
          {},
          el('legend', {}, 'Rendez-vous surnuméraire (accord du médecin par téléphone)'),
          doctorChoice,
          el('label', { for: timeField }, 'Heure (Paris)'),
          el('input', { id: timeField, type: 'datetime-local', required: true }),
          el(
            'button',
            {
              type: 'button',
              onclick: () => {
                if (!value(timeField)) {
                  error.textContent = 'Indiquez l’heure du rendez-vous.';
                  document.getElementById(timeField).focus();
                  return;
                }
                void submit(
                  'assign',
                  { practitionerId: value(doctorField), startsAt: parisToIso(value(timeField)) },
                  'rendez-vous surnuméraire fixé.',
                );
              },
            },
            'Fixer le rendez-vous',
          ),
        )
      : el(
          'fieldset',
          {},
          el('legend', {}, 'Attribuer un médecin traitant'),
          doctorChoice,
          el(
            'button',
            {
              type: 'button',
              onclick: () =>
                void submit('assign', { practitionerId: value(doctorField) }, 'médecin attribué.'),
            },
            'Attribuer',
          ),
        );

  const redirect = el(
    'fieldset',
    {},
    el('legend', {}, 'Réorienter'),
    select(targetField, 'Vers', Object.entries(REDIRECT_LABELS)),
    el(
      'button',
      {
        type: 'button',
        onclick: () => void submit('redirect', { to: value(targetField) }, 'demande réorientée.'),
      },
      'Réorienter',
    ),
  );

  return el(
    'form',
    {
      className: 'action-form',
      'aria-label': `Orienter la demande ${request.reference}`,
      onsubmit: (event) => event.preventDefault(),
    },
    el('label', { for: note.id }, 'Note pour l’historique (obligatoire)'),
    note,
    el('div', { className: 'action-grid' }, assignSlot, assignDoctor, redirect),
    error,
  );
}
