import { api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import {
  formatDateLong,
  formatKm,
  formatMinutesLeft,
  formatOpeningHours,
  formatPhone,
  formatTime,
  minutesUntil,
  parisDate,
  parisToday,
  parisToIso,
  practitionerName,
} from '/ui/format.js';
import { redirectTargetLines } from '/ui/redirect-target.js';
import { KIND_LABELS, MODE_LABELS, STATUS_LABELS } from '/ui/words.js';

import { pressed, say, sayFailure, script } from './console-page.js';
import { allPractitioners } from './practitioners.js';

const OPEN = new Set(['pending', 'held', 'offered', 'unmet']);

/** The request shown, the alternatives offered with it, and the targets of the CPTS. */
let shown = null;
let alternatives = [];
let targets = { pdsaNow: false, items: [] };
let countdown;
let changed = () => undefined;

const when = (iso) => `${formatDateLong(parisDate(iso))} à ${formatTime(iso)}`;

function slotLine(slot) {
  const distance =
    slot.distanceKm === null || slot.distanceKm === undefined ? null : formatKm(slot.distanceKm);
  return [
    `${practitionerName(slot.practitioner)}, ${when(slot.startsAt)}`,
    MODE_LABELS[slot.mode] ?? slot.mode,
    slot.practitioner.communeName,
    distance,
  ]
    .filter(Boolean)
    .join(' · ');
}

function button(label, onclick, props = {}) {
  return el(
    'button',
    { type: 'button', ...props, onclick: (event) => onclick(event.currentTarget) },
    label,
  );
}

/** Reads the CPTS's redirect targets (and whether the permanence des soins is on). */
export async function loadTargets() {
  try {
    targets = await api('/redirect-targets');
  } catch {
    targets = { pdsaNow: false, items: [], unavailable: true };
  }
  byId('pdsa').hidden = !targets.pdsaNow;
  return targets;
}

function targetItem(target) {
  return el(
    'li',
    {},
    ...redirectTargetLines(target),
    target.note && el('p', { className: 'muted' }, target.note),
    button(`Orienter vers ${target.name}`, (pressedButton) =>
      pressed(pressedButton, 'Réorientation', () => redirectTo(target)),
    ),
  );
}

/** The redirect targets, in order: open ones first. */
function showTargets(reason) {
  const box = byId('targets');
  const items = [...targets.items].sort((a, b) => Number(b.openNow) - Number(a.openNow));
  fill(
    box,
    el('h3', { id: 'targets-title', tabindex: '-1' }, 'Orienter ailleurs'),
    reason && el('p', { className: 'strong' }, reason),
    items.length === 0 &&
      el(
        'p',
        { className: 'muted' },
        targets.unavailable
          ? 'Les ressources de la CPTS ne sont pas disponibles pour le moment.'
          : 'Aucune ressource configurée par la coordination.',
      ),
    el(
      'ul',
      { className: 'items targets', 'aria-labelledby': 'targets-title' },
      items.map(targetItem),
    ),
  );
  box.hidden = false;
}

async function releaseIfHeld() {
  if (shown.status === 'held') {
    await api(`/requests/${shown.id}/release`, { method: 'POST' });
  }
}

async function redirectTo(target) {
  await releaseIfHeld();
  const request = await api(`/requests/${shown.id}/redirect`, {
    method: 'POST',
    body: { to: target.kind, targetId: target.id, note: `Orientée vers ${target.name}` },
  });
  say(`Demande ${shown.reference} orientée vers ${target.name}.`);
  show({ ...shown, ...request, status: 'redirected' }, { target });
  changed();
}

async function confirm(slotId) {
  try {
    const request = await api(`/requests/${shown.id}/confirm`, {
      method: 'POST',
      body: slotId ? { slotId } : {},
    });
    say(`Rendez-vous fixé : ${when(request.appointment.startsAt)}.`);
    show(request);
    changed();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 409) throw error;
    alternatives = error.problem.alternatives ?? [];
    const fresh = await api(`/requests/${shown.id}`);
    show(fresh, { alternatives, conflict: true });
    changed();
  }
}

function stopCountdown() {
  clearInterval(countdown);
  countdown = undefined;
}

function startCountdown(heldUntil, output) {
  stopCountdown();
  let warned = false;
  const tick = () => {
    const seconds = Math.round((Date.parse(heldUntil) - Date.now()) / 1000);
    if (seconds <= 0) {
      stopCountdown();
      output.textContent = 'Le créneau n’est plus retenu.';
      say('Le créneau proposé n’est plus retenu : la demande repart en recherche automatique.');
      setTimeout(() => reload().catch(() => undefined), 5000);
      return;
    }
    output.textContent = `Créneau retenu encore ${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
    if (seconds <= 60 && !warned) {
      warned = true;
      say('Plus qu’une minute pour confirmer le créneau proposé.');
    }
  };
  tick();
  countdown = setInterval(tick, 1000);
}

function showProposal(proposal) {
  const box = byId('proposal');
  const timer = el('p', { className: 'countdown', id: 'hold-countdown' });
  const where =
    proposal.mode === 'in_person'
      ? `${proposal.practitioner.address}, ${proposal.practitioner.communeName}`
      : MODE_LABELS[proposal.mode];
  fill(
    box,
    el('h3', { id: 'proposal-title', tabindex: '-1' }, 'Créneau proposé'),
    el(
      'dl',
      { className: 'facts' },
      el('dt', {}, 'Médecin'),
      el('dd', {}, practitionerName(proposal.practitioner)),
      el('dt', {}, 'Quand'),
      el('dd', {}, `${when(proposal.startsAt)} (${MODE_LABELS[proposal.mode] ?? proposal.mode})`),
      el('dt', {}, 'Où'),
      el('dd', {}, where),
      el('dt', {}, 'Distance'),
      el('dd', {}, proposal.distanceKm === null ? 'inconnue' : formatKm(proposal.distanceKm)),
      el('dt', {}, 'Pourquoi'),
      el('dd', {}, proposal.why),
    ),
    timer,
  );
  box.hidden = false;
  if (proposal.heldUntil) startCountdown(proposal.heldUntil, timer);
}

function showAlternatives(list, { conflict = false } = {}) {
  const box = byId('alternatives');
  if (list.length === 0) {
    fill(box, el('p', {}, 'Aucun autre créneau libre pour le moment.'));
    box.hidden = false;
    return;
  }
  const radios = list.map((slot, index) =>
    el(
      'label',
      {},
      el('input', { type: 'radio', name: 'alternative', value: slot.slotId, checked: index === 0 }),
      ` ${slotLine(slot)}`,
    ),
  );
  const go = button('Confirmer ce créneau', (pressedButton) => {
    const chosen = box.querySelector('input[name="alternative"]:checked');
    return pressed(pressedButton, 'Confirmation', () => confirm(chosen.value));
  });
  fill(
    box,
    conflict &&
      el(
        'p',
        { className: 'error' },
        'Ce créneau vient d’être pris : choisissez un autre créneau.',
      ),
    el('fieldset', { className: 'choice stacked' }, el('legend', {}, 'Autres créneaux'), radios),
    go,
  );
  box.hidden = false;
  box.querySelector('input').focus();
}

function readBack(request) {
  const { appointment, patient } = request;
  const place = {
    in_person: `Adresse : ${appointment.practitioner.address}, ${appointment.practitioner.communeName}.`,
    teleconsultation:
      'C’est une téléconsultation : le médecin vous appellera à l’heure du rendez-vous.',
    home_visit: 'Le médecin viendra à votre domicile.',
  }[appointment.mode];
  return script('À lire au patient', [
    `Votre rendez-vous est fixé le ${when(appointment.startsAt)} avec le ${practitionerName(appointment.practitioner)}.`,
    place,
    `Vous allez recevoir un SMS de confirmation au ${formatPhone(patient.phone)}.`,
    `Votre référence : ${request.reference}.`,
    'En cas d’empêchement, rappelez-nous pour libérer le créneau.',
  ]);
}

function targetReadBack(target) {
  return script(
    'À lire au patient',
    [
      `Je vous oriente vers ${target.name}.`,
      target.address && `Adresse : ${target.address}.`,
      target.phone && `Téléphone : ${formatPhone(target.phone)}.`,
      target.openNow
        ? 'C’est ouvert en ce moment.'
        : `Horaires : ${formatOpeningHours(target.hours)}.`,
    ].filter(Boolean),
  );
}

function statusLine(request) {
  const parts = [
    `${request.patient.firstName} ${request.patient.lastName}`,
    KIND_LABELS[request.kind] ?? request.kind,
    STATUS_LABELS[request.status] ?? request.status,
  ];
  if (OPEN.has(request.status)) {
    parts.push(`échéance dans ${formatMinutesLeft(minutesUntil(request.deadlineAt))}`);
  }
  return parts.join(' · ');
}

function actions(request, { hasAlternatives }) {
  const list = [];
  if (request.status === 'held') {
    list.push(
      button('Confirmer', (b) => pressed(b, 'Confirmation', () => confirm()), {
        id: 'confirm',
        className: 'primary-strong',
        'aria-keyshortcuts': 'Alt+C',
      }),
    );
    if (hasAlternatives) {
      list.push(
        button('Autre créneau', () => showAlternatives(alternatives), {
          id: 'other-slot',
          className: 'secondary',
          'aria-keyshortcuts': 'Alt+U',
        }),
      );
    }
  }
  if (OPEN.has(request.status)) {
    list.push(
      button(
        'Orienter ailleurs',
        () => {
          showTargets();
          byId('targets-title').focus();
        },
        { id: 'redirect', className: 'secondary', 'aria-keyshortcuts': 'Alt+O' },
      ),
      button('Programmer un rappel', () => openCallbackForm(), {
        id: 'plan-callback',
        className: 'secondary',
      }),
    );
  }
  if (request.kind === 'urgent' && (request.status === 'held' || request.status === 'pending')) {
    list.push(
      button('Demander un surnuméraire', () => openSurnumeraireForm(), {
        id: 'ask-surnumeraire',
        className: 'secondary',
      }),
    );
  }
  return list;
}

/** Asks one GP to see the patient at a time of their choosing: the GP answers from their space. */
async function openSurnumeraireForm() {
  const select = byId('surnumeraire-gp');
  if (select.options.length === 0) {
    fill(
      select,
      (await allPractitioners()).map((gp) =>
        el('option', { value: gp.id }, `${practitionerName(gp)} (${gp.practice.communeName})`),
      ),
    );
  }
  const soon = new Date(Math.ceil((Date.now() + 60 * 60_000) / 300_000) * 300_000).toISOString();
  byId('surnumeraire-day').value = parisDate(soon);
  byId('surnumeraire-time').value = formatTime(soon);
  byId('surnumeraire-form').hidden = false;
  select.focus();
}

async function askSurnumeraire(event) {
  event.preventDefault();
  const select = byId('surnumeraire-gp');
  const day = byId('surnumeraire-day').value || parisToday();
  const time = byId('surnumeraire-time').value;
  const gp = select.options[select.selectedIndex]?.textContent ?? 'le médecin';
  const request = await api(`/requests/${shown.id}/surnumeraire`, {
    method: 'POST',
    body: { practitionerId: select.value, startsAt: parisToIso(`${day}T${time}`) },
  });
  byId('surnumeraire-form').hidden = true;
  show(request);
  say(`Demande envoyée au ${gp} : sa réponse réservera le rendez-vous, ou la demande attendra.`);
  changed();
}

function openCallbackForm() {
  const form = byId('callback-form');
  const soon = new Date(Math.ceil((Date.now() + 30 * 60_000) / 300_000) * 300_000).toISOString();
  byId('callback-day').value = parisDate(soon);
  byId('callback-time').value = formatTime(soon);
  byId('callback-note').value = '';
  form.hidden = false;
  byId('callback-time').focus();
}

async function saveCallback(event) {
  event.preventDefault();
  const day = byId('callback-day').value || parisToday();
  const time = byId('callback-time').value;
  if (!time) {
    byId('callback-time').setAttribute('aria-invalid', 'true');
    say('Indiquez l’heure du rappel.');
    return;
  }
  const note = byId('callback-note').value.trim();
  const saved = await api(`/requests/${shown.id}/callbacks`, {
    method: 'POST',
    body: { dueAt: parisToIso(`${day}T${time}`), ...(note ? { note } : {}) },
  });
  byId('callback-form').hidden = true;
  say(`Rappel prévu le ${when(saved.dueAt)}.`);
  changed();
}

/**
 * Shows a request: its proposal and what can be done with it (held), the text to read (booked,
 * redirected), or where else to send the patient (nothing found, or the permanence des soins).
 */
export function show(request, { alternatives: offered, conflict = false, target } = {}) {
  shown = request;
  if (offered) alternatives = offered;
  stopCountdown();
  for (const id of ['proposal', 'alternatives', 'readback', 'targets']) byId(id).hidden = true;
  byId('callback-form').hidden = true;
  byId('surnumeraire-form').hidden = true;
  byId('request-title').textContent = `Demande ${request.reference}`;
  byId('request-summary').textContent = statusLine(request);
  const hasAlternatives = request.status === 'held' && alternatives.length > 0;
  fill(byId('request-actions'), actions(request, { hasAlternatives }));
  if (request.status === 'held' && request.proposal) showProposal(request.proposal);
  if (conflict) showAlternatives(alternatives, { conflict: true });
  if (request.status === 'booked' && request.appointment) {
    fill(byId('readback'), readBack(request));
    byId('readback').hidden = false;
  }
  if (request.status === 'redirected' && target) {
    fill(byId('readback'), targetReadBack(target));
    byId('readback').hidden = false;
  }
  const nothing =
    request.kind === 'urgent' && (request.status === 'pending' || request.status === 'unmet');
  if (nothing)
    showTargets(
      'Aucun créneau ne convient pour le moment : orientez le patient, ou programmez un rappel.',
    );
  else if (targets.pdsaNow && OPEN.has(request.status)) {
    showTargets(
      'Permanence des soins en cours : la maison médicale de garde peut recevoir le patient.',
    );
  }
  byId('request-section').hidden = false;
  const first = byId('readback').hidden
    ? byId('request-title')
    : byId('readback').querySelector('h3');
  first.focus();
}

/** Shows a request by its id (from a list, a duplicate's link or the address bar). */
export async function open(id) {
  alternatives = [];
  show(await api(`/requests/${id}`));
}

async function reload() {
  if (shown) show(await api(`/requests/${shown.id}`));
}

/** Clears the panel for a new call. */
export function clear() {
  shown = null;
  alternatives = [];
  stopCountdown();
  byId('request-section').hidden = true;
}

/** A filed request as `POST /requests` answered it, alternatives included. */
export function filed(request) {
  show(request, { alternatives: request.alternatives ?? [] });
}

/** Presses one of the shown request's actions from a keyboard shortcut; false when absent. */
export function press(id) {
  const target = byId(id);
  if (!target || target.hidden || target.disabled) return false;
  target.click();
  return true;
}

export function startRequestPanel(onChange) {
  changed = onChange;
  byId('callback-form').addEventListener('submit', (event) =>
    saveCallback(event).catch((error) => sayFailure('Rappel', error)),
  );
  byId('surnumeraire-form').addEventListener('submit', (event) =>
    askSurnumeraire(event).catch((error) => sayFailure('Surnuméraire', error)),
  );
}
