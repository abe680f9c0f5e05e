import { api } from '/ui/api.js';
import { actions, button, byId, el, fill } from '/ui/dom.js';
import { formatDateTime } from '/ui/format.js';
import { MODE_LABELS, OUTCOME_LABELS } from '/ui/words.js';

import { failed, notice } from './gp-page.js';

let practitionerId = '';

async function record(appointment, outcome, who) {
  try {
    await api(`/requests/${appointment.requestId}/outcome`, { method: 'POST', body: { outcome } });
    notice(`${who} : ${OUTCOME_LABELS[outcome].toLowerCase()}, c’est noté.`);
    await loadPatients();
  } catch (error) {
    failed(error);
  }
}

function item(appointment) {
  const { patient } = appointment;
  const who = `${patient.firstName} ${patient.initial}.`;
  const past = Date.parse(appointment.startsAt) <= Date.now();
  const when = formatDateTime(appointment.startsAt);
  return el(
    'li',
    {},
    el('p', {}, el('strong', {}, `${when} — ${who}, ${patient.age} ans`)),
    el(
      'p',
      { className: 'muted' },
      [MODE_LABELS[appointment.mode] ?? appointment.mode, appointment.reason]
        .filter(Boolean)
        .join(' · '),
    ),
    appointment.outcome
      ? el('p', { className: 'outcome' }, OUTCOME_LABELS[appointment.outcome])
      : past &&
          actions(
            button(
              {
                'aria-label': `${who} est venu(e) le ${when}`,
                onclick: () => record(appointment, 'honoured', who),
              },
              'Venu',
            ),
            el(
              'button',
              {
                type: 'button',
                className: 'secondary',
                'aria-label': `${who} n’est pas venu(e) le ${when}`,
                onclick: () => record(appointment, 'no_show', who),
              },
              'Pas venu',
            ),
          ),
  );
}

async function loadPatients() {
  const appointments = await api(`/practitioners/${practitionerId}/appointments`);
  fill(byId('patients'), appointments.items.map(item));
  byId('patients-empty').hidden = appointments.items.length > 0;
}

/** The patients booked into the GP's slots; a message link's session does not reach them. */
export async function startPatients(session) {
  practitionerId = session.practitionerId;
  byId('patients-section').hidden = false;
  if (session.scope === 'practitioner_link') {
    byId('patients-locked').hidden = false;
    return;
  }
  await loadPatients();
}
