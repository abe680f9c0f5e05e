import { api } from '/ui/api.js';
import { byId, el } from '/ui/dom.js';
import { MODE_LABELS, WEEKDAY_LABELS } from '/ui/words.js';

import { failed, gpSession, notice } from './gp-page.js';

const LENGTHS = [10, 15, 20, 30, 45, 60];
let rows = 0;
let modes = ['in_person'];

function field(label, id, control) {
  return el('label', { for: id }, label, control);
}

function options(values, selected) {
  return values.map(([value, text]) =>
    el('option', { value: String(value), selected: String(value) === String(selected) }, text),
  );
}

/** One weekly range: day, from, to, slot length, mode; removable. */
function patternRow(pattern = {}) {
  const n = ++rows;
  const row = el(
    'div',
    {
      className: 'pattern-row form-grid',
      'data-pattern': '',
      role: 'group',
      'aria-label': `Plage ${n}`,
    },
    field(
      'Jour',
      `p${n}-weekday`,
      el(
        'select',
        { id: `p${n}-weekday`, name: 'weekday' },
        options(
          WEEKDAY_LABELS.slice(1).map((name, index) => [index + 1, name]),
          pattern.weekday ?? 1,
        ),
      ),
    ),
    field(
      'De',
      `p${n}-start`,
      el('input', {
        id: `p${n}-start`,
        name: 'startTime',
        type: 'time',
        value: pattern.startTime ?? '14:00',
        required: true,
      }),
    ),
    field(
      'À',
      `p${n}-end`,
      el('input', {
        id: `p${n}-end`,
        name: 'endTime',
        type: 'time',
        value: pattern.endTime ?? '16:00',
        required: true,
      }),
    ),
    field(
      'Durée d’un créneau',
      `p${n}-length`,
      el(
        'select',
        { id: `p${n}-length`, name: 'slotMinutes' },
        options(
          LENGTHS.map((length) => [length, `${length} min`]),
          pattern.slotMinutes ?? 20,
        ),
      ),
    ),
    modes.length > 1 &&
      field(
        'Mode',
        `p${n}-mode`,
        el(
          'select',
          { id: `p${n}-mode`, name: 'mode' },
          options(
            modes.map((mode) => [mode, MODE_LABELS[mode] ?? mode]),
            pattern.mode ?? modes[0],
          ),
        ),
      ),
    el(
      'button',
      {
        type: 'button',
        className: 'danger',
        onclick: () => {
          row.remove();
          byId('pattern-more').focus();
        },
      },
      `Retirer la plage ${n}`,
    ),
  );
  return row;
}

function readPatterns() {
  return [...document.querySelectorAll('[data-pattern]')].map((row) => {
    const value = (name) => row.querySelector(`[name="${name}"]`)?.value;
    return {
      weekday: Number(value('weekday')),
      startTime: value('startTime'),
      endTime: value('endTime'),
      slotMinutes: Number(value('slotMinutes')),
      mode: value('mode') ?? modes[0],
    };
  });
}

function syncVisibility() {
  const form = byId('questionnaire');
  byId('patterns-box').hidden = form.elements.urgentCare.value === 'no';
  const accepting = form.elements.accepting.value !== 'no';
  byId('open-places').hidden = !accepting;
  byId('places-label').hidden = !accepting;
}

async function start() {
  const session = await gpSession();
  if (!session) return;
  const id = session.practitionerId;
  const [practitioner, answers] = await Promise.all([
    api(`/practitioners/${id}`),
    api(`/practitioners/${id}/questionnaire`),
  ]);
  modes = practitioner.modes.length > 0 ? practitioner.modes : ['in_person'];
  const form = byId('questionnaire');
  if (answers.urgentCare !== null)
    form.elements.urgentCare.value = answers.urgentCare ? 'yes' : 'no';
  form.elements.accepting.value = answers.accepting ? 'yes' : 'no';
  byId('open-places').value = String(answers.openPlaces ?? 0);
  const rowsBox = byId('pattern-rows');
  for (const pattern of answers.patterns ?? []) rowsBox.append(patternRow(pattern));
  if ((answers.patterns ?? []).length === 0) rowsBox.append(patternRow());
  byId('pattern-more').addEventListener('click', () => {
    const row = patternRow();
    rowsBox.append(row);
    row.querySelector('select')?.focus();
  });
  form.addEventListener('change', syncVisibility);
  syncVisibility();
  if (answers.answeredAt) notice('Vous avez déjà répondu : vous pouvez modifier vos réponses.');
  form.hidden = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const urgentCare = form.elements.urgentCare.value === 'yes';
    const accepting = form.elements.accepting.value === 'yes';
    try {
      await api(`/practitioners/${id}/questionnaire`, {
        method: 'POST',
        body: {
          urgentCare,
          patterns: urgentCare ? readPatterns() : [],
          accepting,
          openPlaces: accepting ? Number(byId('open-places').value || 0) : 0,
        },
      });
      notice('');
      form.hidden = true;
      byId('done').hidden = false;
      byId('done-title').focus();
    } catch (error) {
      failed(error);
    }
  });
}

start().catch(failed);
