import { api, ApiError, loadSession } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatDateTime, practitionerName } from '/ui/format.js';
import { MODE_LABELS } from '/ui/words.js';

const params = new URLSearchParams(location.search);
const practitionerId = params.get('practitioner');
const origin = params.get('origin') ?? undefined;

function notice(text) {
  byId('notice').textContent = text;
}

function showErrors(messages) {
  const box = byId('form-errors');
  fill(
    box,
    el('p', {}, 'La réservation n’a pas pu être faite :'),
    el('ul', {}, ...messages.map((m) => el('li', {}, m))),
  );
  box.hidden = false;
  box.focus();
}

/** JJ/MM/AAAA as typed, to the API's YYYY-MM-DD (anything else is sent as typed, and refused). */
function isoDate(typed) {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(String(typed).trim());
  return match
    ? `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`
    : String(typed).trim();
}

function slotChoice(slot, index) {
  const id = `slot-${index}`;
  return el(
    'div',
    { className: 'field' },
    el('input', {
      type: 'radio',
      name: 'slotId',
      id,
      value: slot.id,
      required: true,
      checked: index === 0,
    }),
    el(
      'label',
      { for: id },
      `${formatDateTime(slot.startsAt)} (${MODE_LABELS[slot.mode] ?? slot.mode})`,
    ),
  );
}

async function load() {
  const session = await loadSession();
  if (!session) {
    location.reload();
    return;
  }
  byId('who').textContent = session.person?.displayName ?? '';
  const { practitioner, items } = await api(`/sas/practitioners/${practitionerId}/slots`);
  byId('gp').textContent =
    `${practitionerName(practitioner)}, ${practitioner.address}, ${practitioner.communeName}`;
  const slots = byId('slots');
  if (items.length === 0) {
    slots.append(el('p', {}, 'Ce médecin n’a plus de créneau libre.'));
    byId('book').disabled = true;
  }
  items.forEach((slot, index) => slots.append(slotChoice(slot, index)));
  byId('main').hidden = false;
  notice(`${formatCount(items.length, 'créneau libre', 'créneaux libres')}.`);
}

async function book(event) {
  event.preventDefault();
  const form = new FormData(byId('book-form'));
  const missing = ['firstName', 'lastName', 'birthDate', 'phone', 'communeCode', 'slotId'].filter(
    (name) => !String(form.get(name) ?? '').trim(),
  );
  if (missing.length > 0) {
    showErrors(['Tous les champs et un créneau sont nécessaires.']);
    return;
  }
  byId('form-errors').hidden = true;
  byId('book').disabled = true;
  try {
    const filed = await api('/requests', {
      method: 'POST',
      extra: { 'Idempotency-Key': crypto.randomUUID() },
      body: {
        kind: 'urgent',
        booking: 'propose',
        practitionerId,
        slotId: form.get('slotId'),
        ...(origin ? { origin } : {}),
        patient: {
          firstName: form.get('firstName').trim(),
          lastName: form.get('lastName').trim(),
          birthDate: isoDate(form.get('birthDate')),
          phone: form.get('phone').trim(),
          communeCode: form.get('communeCode').trim(),
        },
      },
    });
    const booked = await api(`/requests/${filed.id}/confirm`, { method: 'POST', body: {} });
    byId('book-form').hidden = true;
    byId('done-text').textContent =
      `Le ${formatDateTime(booked.appointment.startsAt)}, référence ${booked.reference}. Le patient reçoit un SMS de confirmation.`;
    byId('done').hidden = false;
    byId('done').focus();
    notice('Rendez-vous réservé.');
  } catch (error) {
    byId('book').disabled = false;
    const fields =
      error instanceof ApiError ? (error.problem.errors?.map((e) => e.message) ?? []) : [];
    showErrors(fields.length > 0 ? fields : [error.message]);
  }
}

byId('book-form').addEventListener('submit', (event) => void book(event));
load().catch((error) => notice(`Erreur : ${error.message}`));
