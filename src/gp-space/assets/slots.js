import { api } from '/ui/api.js';
import { actions, button, byId, el, fill } from '/ui/dom.js';
import {
  addDays,
  addMinutes,
  formatCount,
  formatDateLong,
  formatDateShort,
  formatTime,
  isoWeekday,
  parisDate,
  parisToday,
  parisToIso,
} from '/ui/format.js';
import { MODE_LABELS, WEEKDAY_LABELS } from '/ui/words.js';

import { failed, notice } from './gp-page.js';

const DAYS = 14;
const LENGTHS = [10, 15, 20, 30, 45, 60];
const FIRST_TIME = '08:00';
const LAST_TIME = '19:30';
const LEAD_MS = 30 * 60_000;
const DEFAULTS_KEY = 'cpts.gp.slot-defaults';

const state = {
  practitionerId: '',
  modes: ['in_person'],
  slots: [],
  absences: [],
  openDay: null,
  pickedTime: null,
};

/** The length and mode of the last slot added on this phone, so that the next one takes a tap. */
function defaults() {
  try {
    const saved = JSON.parse(localStorage.getItem(DEFAULTS_KEY) ?? '{}');
    return {
      minutes: LENGTHS.includes(saved.minutes) ? saved.minutes : 20,
      mode: state.modes.includes(saved.mode) ? saved.mode : state.modes[0],
    };
  } catch {
    return { minutes: 20, mode: state.modes[0] };
  }
}

function remember(change) {
  try {
    localStorage.setItem(DEFAULTS_KEY, JSON.stringify({ ...defaults(), ...change }));
  } catch {
    // A private window may refuse storage: the defaults simply are not remembered.
  }
}

const modeLabel = (mode) => MODE_LABELS[mode] ?? mode;
const span = (slot) => `${formatTime(slot.startsAt)}–${formatTime(slot.endsAt)}`;

function absentOn(date) {
  return state.absences.some((absence) => absence.from <= date && date <= absence.to);
}

/** Start times still possible that day: not too soon, not over another slot of the day. */
function proposedTimes(date, minutes) {
  const taken = state.slots
    .filter((slot) => parisDate(slot.startsAt) === date)
    .map((slot) => [Date.parse(slot.startsAt), Date.parse(slot.endsAt)]);
  const times = [];
  for (let time = FIRST_TIME; time <= LAST_TIME; time = addMinutes(time, 30)) {
    const start = Date.parse(parisToIso(`${date}T${time}`));
    const end = start + minutes * 60_000;
    if (start < Date.now() + LEAD_MS) continue;
    if (taken.some(([from, to]) => start < to && from < end)) continue;
    times.push(time);
  }
  return times;
}

function selectField(label, id, options, value, onchange) {
  return el(
    'label',
    { for: id },
    label,
    el(
      'select',
      { id, onchange },
      options.map(([optionValue, text]) =>
        el('option', { value: optionValue, selected: optionValue === value }, text),
      ),
    ),
  );
}

function picker(date) {
  const { minutes, mode } = defaults();
  const times = proposedTimes(date, minutes);
  const day = formatDateLong(date);
  const picked = state.pickedTime;
  return el(
    'div',
    { className: 'picker', id: `picker-${date}` },
    times.length === 0
      ? el('p', {}, 'Plus d’heure libre ce jour-là.')
      : [
          el('p', { id: `times-label-${date}` }, 'Choisissez l’heure :'),
          el(
            'div',
            { className: 'times', role: 'group', 'aria-labelledby': `times-label-${date}` },
            times.map((time) =>
              el(
                'button',
                {
                  type: 'button',
                  className: 'secondary',
                  id: `time-${date}-${time.replace(':', '')}`,
                  'aria-pressed': String(time === picked),
                  'aria-label': `${time}, ${day}`,
                  onclick: () => pick(time),
                },
                time,
              ),
            ),
          ),
        ],
    el(
      'div',
      { className: 'settings' },
      selectField(
        'Durée',
        `length-${date}`,
        LENGTHS.map((length) => [String(length), `${length} min`]),
        String(minutes),
        (event) => {
          remember({ minutes: Number(event.target.value) });
          render(`length-${date}`);
        },
      ),
      state.modes.length > 1 &&
        selectField(
          'Mode',
          `mode-${date}`,
          state.modes.map((one) => [one, modeLabel(one)]),
          mode,
          (event) => {
            remember({ mode: event.target.value });
            render(`mode-${date}`);
          },
        ),
    ),
    actions(
      button(
        {
          id: 'confirm-add',
          disabled: !picked,
          onclick: () => addSlot(date, picked, minutes, mode),
        },
        picked
          ? `Ajouter ${picked}–${addMinutes(picked, minutes)} (${modeLabel(mode)})`
          : 'Choisissez une heure',
      ),
      el(
        'button',
        { type: 'button', className: 'secondary', onclick: () => openDay(null, date) },
        'Annuler',
      ),
    ),
  );
}

function dayItem(date, today) {
  const slots = state.slots.filter((slot) => parisDate(slot.startsAt) === date);
  const open = state.openDay === date;
  const long = formatDateLong(date);
  const title =
    date === today
      ? `Aujourd’hui, ${formatDateShort(date)}`
      : long[0].toUpperCase() + long.slice(1);
  return el(
    'li',
    {},
    el(
      'div',
      { className: 'day-head' },
      el('h3', {}, title),
      el(
        'button',
        {
          type: 'button',
          className: open ? '' : 'secondary',
          id: `add-${date}`,
          'aria-expanded': String(open),
          'aria-label': `Ajouter un créneau le ${formatDateLong(date)}`,
          onclick: () => openDay(open ? null : date, date),
        },
        'Ajouter',
      ),
    ),
    absentOn(date) && el('p', { className: 'muted' }, 'Absent ce jour-là.'),
    slots.length > 0 &&
      el(
        'ul',
        { className: 'chips', 'aria-label': `Créneaux du ${formatDateLong(date)}` },
        slots.map((slot) =>
          slot.status !== 'free'
            ? el('li', { className: 'chip booked' }, `${span(slot)} · réservé`)
            : el(
                'li',
                { className: 'chip' },
                `${span(slot)} · ${modeLabel(slot.mode)}`,
                el(
                  'button',
                  {
                    type: 'button',
                    'aria-label': `Retirer le créneau de ${formatTime(slot.startsAt)} le ${formatDateLong(date)}`,
                    onclick: () => removeSlot(slot, date),
                  },
                  '✕',
                ),
              ),
        ),
      ),
    open && picker(date),
  );
}

/** Draws the fortnight again and gives the focus back to the control that had it. */
function render(focusId) {
  const today = parisToday();
  fill(
    byId('days'),
    Array.from({ length: DAYS }, (_, day) => dayItem(addDays(today, day), today)),
  );
  if (focusId) byId(focusId)?.focus();
}

function openDay(date, from) {
  state.openDay = date;
  state.pickedTime = null;
  render(date ? undefined : `add-${from}`);
  if (date) byId(`picker-${date}`)?.querySelector('.times button, select')?.focus();
}

function pick(time) {
  state.pickedTime = time;
  render('confirm-add');
}

async function addSlot(date, time, minutes, mode) {
  try {
    await api(`/practitioners/${state.practitionerId}/slots`, {
      method: 'POST',
      body: {
        startsAt: parisToIso(`${date}T${time}`),
        endsAt: parisToIso(`${date}T${addMinutes(time, minutes)}`),
        mode,
      },
    });
    notice(`Créneau ajouté : ${formatDateLong(date)}, ${time}–${addMinutes(time, minutes)}.`);
    state.openDay = null;
    state.pickedTime = null;
    await loadSlots(`add-${date}`);
  } catch (error) {
    failed(error);
  }
}

async function removeSlot(slot, date) {
  try {
    await api(`/slots/${slot.id}`, { method: 'DELETE', accept: '*/*' });
    notice(`Créneau de ${formatTime(slot.startsAt)} le ${formatDateLong(date)} retiré.`);
    await loadSlots(`add-${date}`);
  } catch (error) {
    failed(error);
  }
}

export async function loadSlots(focusId) {
  const from = new Date();
  const to = new Date(parisToIso(addDays(parisToday(), DAYS)));
  const slots = await api(
    `/practitioners/${state.practitionerId}/slots?from=${from.toISOString()}&to=${to.toISOString()}&limit=500`,
  );
  state.slots = slots.items;
  render(focusId);
}

/** A line of a list, with the button that removes what it says. */
const removableItem = (text, remove) =>
  el(
    'li',
    {},
    el('p', {}, text),
    button(
      { className: 'danger', 'aria-label': `Supprimer : ${text}`, onclick: remove },
      'Supprimer',
    ),
  );

/** Deletes one of the practitioner's own resources (`patterns/<id>`), then `done` updates the page. */
async function deleteOwn(path, done) {
  try {
    await api(`/practitioners/${state.practitionerId}/${path}`, {
      method: 'DELETE',
      accept: '*/*',
    });
    await done();
  } catch (error) {
    failed(error);
  }
}

// Weekly patterns.

const patternText = (pattern) =>
  `Chaque ${WEEKDAY_LABELS[pattern.weekday]}, ${pattern.startTime}–${pattern.endTime}, ` +
  `créneaux de ${pattern.slotMinutes} min, ${modeLabel(pattern.mode)}`;

async function loadPatterns() {
  const patterns = await api(`/practitioners/${state.practitionerId}/patterns`);
  fill(
    byId('patterns'),
    patterns.items.map((pattern) =>
      removableItem(patternText(pattern), () => deletePattern(pattern)),
    ),
  );
  byId('patterns-empty').hidden = patterns.items.length > 0;
}

const deletePattern = (pattern) =>
  deleteOwn(`patterns/${pattern.id}`, async () => {
    notice('Créneau régulier supprimé ; ses créneaux libres à venir sont retirés.');
    await Promise.all([loadPatterns(), loadSlots()]);
    byId('patterns-title').focus?.();
  });

function preparePatternForm() {
  fill(
    byId('pattern-weekday'),
    WEEKDAY_LABELS.slice(1).map((name, index) =>
      el('option', { value: String(index + 1) }, name[0].toUpperCase() + name.slice(1)),
    ),
  );
  const { minutes, mode } = defaults();
  fill(
    byId('pattern-length'),
    LENGTHS.map((length) =>
      el('option', { value: String(length), selected: length === minutes }, `${length} min`),
    ),
  );
  fill(
    byId('pattern-mode'),
    state.modes.map((one) => el('option', { value: one, selected: one === mode }, modeLabel(one))),
  );
  byId('pattern-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    try {
      await api(`/practitioners/${state.practitionerId}/patterns`, {
        method: 'POST',
        body: {
          weekday: Number(form.get('weekday')),
          startTime: form.get('startTime'),
          endTime: form.get('endTime'),
          slotMinutes: Number(form.get('slotMinutes')),
          mode: form.get('mode'),
        },
      });
      notice('Créneau régulier ajouté : ses créneaux des 14 prochains jours sont publiés.');
      byId('pattern-add').open = false;
      await Promise.all([loadPatterns(), loadSlots()]);
    } catch (error) {
      failed(error);
    }
  });
}

// Absences.

const absenceText = (absence) =>
  absence.from === absence.to
    ? `Absent le ${formatDateLong(absence.from)}`
    : `Absent du ${formatDateLong(absence.from)} au ${formatDateLong(absence.to)}`;

async function loadAbsences() {
  const today = parisToday();
  const absences = await api(`/practitioners/${state.practitionerId}/absences`);
  state.absences = absences.items.filter((absence) => absence.to >= today);
  fill(
    byId('absences'),
    state.absences.map((absence) =>
      removableItem(absenceText(absence), () => deleteAbsence(absence)),
    ),
  );
  byId('absences-empty').hidden = state.absences.length > 0;
}

async function declareAbsence(from, to) {
  try {
    const absence = await api(`/practitioners/${state.practitionerId}/absences`, {
      method: 'POST',
      body: { from, to },
    });
    const withdrawn = absence.withdrawn ?? 0;
    notice(
      `${absenceText(absence)} : c’est noté. ` +
        (withdrawn === 0
          ? 'Aucun créneau libre à retirer.'
          : `${formatCount(withdrawn, 'créneau libre retiré', 'créneaux libres retirés')}.`),
    );
    byId('absence-add').open = false;
    await loadAbsences();
    await loadSlots();
  } catch (error) {
    failed(error);
  }
}

const deleteAbsence = (absence) =>
  deleteOwn(`absences/${absence.id}`, async () => {
    notice('Absence supprimée.');
    await loadAbsences();
    render();
  });

function prepareAbsences() {
  const today = parisToday();
  byId('absence-from').value = today;
  byId('absence-to').value = today;
  byId('absence-from').min = today;
  byId('absence-to').min = today;
  byId('week-off').addEventListener('click', () =>
    declareAbsence(today, addDays(today, 7 - isoWeekday(today))),
  );
  byId('absence-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target);
    void declareAbsence(String(form.get('from')), String(form.get('to')));
  });
}

/** The urgent-slot section: the fortnight, the weekly patterns, the absences. */
export async function startSlots(practitioner) {
  state.practitionerId = practitioner.id;
  state.modes = practitioner.modes.length > 0 ? practitioner.modes : ['in_person'];
  preparePatternForm();
  prepareAbsences();
  byId('slots-section').hidden = false;
  await Promise.all([
    loadAbsences().catch(failed),
    loadPatterns().catch(failed),
    loadSlots().catch(failed),
  ]);
  render();
}
