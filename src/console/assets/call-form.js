import { api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatDateTime, plain, practitionerName } from '/ui/format.js';
import { FLAG_LABELS, KIND_LABELS, MODE_LABELS, STATUS_LABELS } from '/ui/words.js';

import { combobox } from './combobox.js';
import { say, sayFailure } from './console-page.js';
import { allPractitioners } from './practitioners.js';

const REASON_MAX = 200;
const REASONS = [
  'Fièvre',
  'Douleur',
  'Toux, gêne respiratoire légère',
  'ORL, yeux',
  'Infection urinaire',
  'Peau, plaie, petite traumatologie',
  'Digestif',
  'Renouvellement d’ordonnance',
  'Certificat',
  'Autre',
];
const RED_FLAGS = [
  ['chest-pain', 'Douleur thoracique'],
  ['breathing', 'Difficulté à respirer'],
  ['stroke', 'Signes d’AVC (visage, bras, parole)'],
  ['bleeding', 'Saignement abondant'],
  ['unconscious', 'Perte de connaissance'],
  ['suicidal', 'Idées suicidaires'],
];
const GP_NONE = { value: 'none', label: 'Aucun médecin traitant' };
const GP_UNAVAILABLE = { value: 'unavailable', label: 'Médecin traitant indisponible' };
const SUBMIT_LABELS = {
  urgent: 'Chercher un créneau',
  referring_physician: 'Déposer la demande',
};

/** The form's inputs by the API's field names, to point at what a 400 names. */
const FIELDS = {
  'patient.firstName': ['first-name', 'le prénom'],
  'patient.lastName': ['last-name', 'le nom'],
  'patient.birthDate': ['birth-date', 'la date de naissance (JJ/MM/AAAA)'],
  'patient.phone': ['phone', 'le téléphone (un numéro français)'],
  'patient.communeCode': ['commune', 'la commune (choisissez-la dans la liste)'],
  'patient.referringPractitionerRpps': ['gp', 'le médecin traitant'],
  reason: ['reason-text', 'le motif (200 caractères au plus)'],
  acceptedModes: ['modes', 'les modes acceptés (au moins un)'],
};

let communes;
let gps;
/** The call being taken: its Idempotency-Key (per body), the request filed, duplicates seen. */
let call;
let onFiled = () => undefined;

function newCallState() {
  return { key: null, body: null, request: null, duplicatesSeen: false };
}

function checkbox(name, value, label, checked = false) {
  return el('label', {}, el('input', { type: 'checkbox', name, value, checked }), ` ${label}`);
}

/** `14/03/1958`, `14031958` or `1958-03-14` as `1958-03-14`; null when it is no past date. */
export function birthDate(text) {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const fr = /^(\d{1,2})[/.\-\s]?(\d{1,2})[/.\-\s]?(\d{4})$/.exec(text);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]].map(Number)
    : fr
      ? [fr[3], fr[2], fr[1]].map(Number)
      : [];
  if (!year) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (year < 1900 || date.getTime() > Date.now()) return null;
  return date.toISOString().slice(0, 10);
}

const kind = () => new FormData(byId('call-form')).get('kind');
const checked = (name) => new FormData(byId('call-form')).getAll(name);

function reason() {
  const category = byId('reason-category').value;
  const text = byId('reason-text').value.trim();
  return [category, text].filter(Boolean).join(' : ');
}

function countReason() {
  const left = REASON_MAX - reason().length;
  byId('reason-count').textContent =
    left >= 0 ? `${left} caractères restants` : `${-left} caractères de trop`;
}

/** The request the form describes, and what is missing or wrong, by field. */
function read() {
  const errors = [];
  const value = (id) => byId(id).value.trim();
  for (const [id, field] of [
    ['first-name', 'patient.firstName'],
    ['last-name', 'patient.lastName'],
    ['phone', 'patient.phone'],
  ]) {
    if (!value(id)) errors.push(field);
  }
  const born = birthDate(value('birth-date'));
  if (!born) errors.push('patient.birthDate');
  const commune = communes.value();
  if (!commune) errors.push('patient.communeCode');
  const modes = checked('mode');
  if (modes.length === 0) errors.push('acceptedModes');
  if (reason().length > REASON_MAX) errors.push('reason');
  const gp = gps.value();
  const rpps = gp && /^\d{11}$/.test(gp.value) ? gp.value : undefined;
  const body = {
    kind: kind(),
    ...(kind() === 'urgent' ? { booking: 'propose' } : {}),
    patient: {
      firstName: value('first-name'),
      lastName: value('last-name'),
      birthDate: born,
      phone: value('phone'),
      communeCode: commune?.value,
      ...(rpps ? { referringPractitionerRpps: rpps } : {}),
    },
    reason: reason() || undefined,
    acceptedModes: modes,
    priorityFlags: checked('flag'),
  };
  return { body, errors };
}

function showErrors(fields) {
  for (const [id] of Object.values(FIELDS)) byId(id).removeAttribute('aria-invalid');
  const box = byId('form-errors');
  if (fields.length === 0) {
    box.hidden = true;
    return;
  }
  const known = [...new Set(fields)].filter((field) => FIELDS[field]);
  fill(
    box,
    el('p', {}, 'Vérifiez :'),
    el(
      'ul',
      {},
      known.map((field) => {
        const [id, words] = FIELDS[field];
        byId(id).setAttribute('aria-invalid', 'true');
        return el('li', {}, el('a', { href: `#${id}` }, words));
      }),
    ),
    known.length === 0 && el('p', {}, 'une valeur n’est pas acceptée.'),
  );
  box.hidden = false;
  box.focus();
}

/** One key per call and body: a retry of the same form reuses it, an edited form gets a new one. */
function idempotencyKey(body) {
  const json = JSON.stringify(body);
  if (call.body !== json) {
    call.key = crypto.randomUUID();
    call.body = json;
  }
  return call.key;
}

async function file(body) {
  const button = byId('submit');
  button.disabled = true;
  say('Recherche en cours…');
  try {
    const request = await api('/requests', {
      method: 'POST',
      body,
      extra: { 'Idempotency-Key': idempotencyKey(body) },
    });
    call.request = request;
    byId('duplicates').hidden = true;
    say(
      `Demande ${request.reference} déposée : ${STATUS_LABELS[request.status] ?? request.status}.`,
    );
    return request;
  } catch (error) {
    if (error instanceof ApiError && error.status === 400) {
      showErrors((error.problem.errors ?? []).map((item) => item.field));
      say('La demande n’est pas partie : vérifiez le formulaire.');
    } else sayFailure('Dépôt de la demande', error);
    return null;
  } finally {
    button.disabled = false;
  }
}

/** Open requests of the same patient, or [] when the check cannot be made. */
async function duplicatesOf(patient) {
  const query = new URLSearchParams({
    phone: patient.phone,
    lastName: patient.lastName,
    birthDate: patient.birthDate,
  });
  try {
    return (await api(`/requests/duplicates?${query}`)).items;
  } catch {
    return [];
  }
}

function showDuplicates(items) {
  fill(
    byId('duplicates-list'),
    items.map((item) =>
      el(
        'li',
        {},
        el('a', { href: `#demande-${item.id}` }, `Demande ${item.reference}`),
        ` — ${item.patient.firstName} ${item.patient.lastInitial}., ${KIND_LABELS[item.kind] ?? item.kind}, `,
        `${STATUS_LABELS[item.status] ?? item.status}, déposée ${formatDateTime(item.createdAt)}`,
      ),
    ),
  );
  byId('duplicates').hidden = false;
  byId('duplicates-title').focus();
  say(
    `Attention : ${formatCount(items.length, 'demande déjà en cours', 'demandes déjà en cours')} pour ce patient.`,
  );
}

async function submit() {
  if (call.request) {
    onFiled(call.request);
    return;
  }
  const { body, errors } = read();
  showErrors(errors);
  if (errors.length > 0) return;
  if (!call.duplicatesSeen) {
    const duplicates = await duplicatesOf(body.patient);
    if (duplicates.length > 0) {
      call.duplicatesSeen = true;
      showDuplicates(duplicates);
      return;
    }
  }
  const request = await file(body);
  if (request) onFiled(request);
}

/** Files the call (unless done already) and transfers it to the 15. */
async function transferToSamu(button) {
  const { body, errors } = read();
  showErrors(errors);
  if (errors.length > 0) return;
  button.disabled = true;
  try {
    const request = call.request ?? (await file(body));
    if (!request) return;
    if (request.status === 'held') {
      await api(`/requests/${request.id}/release`, { method: 'POST' });
    }
    const redirected = await api(`/requests/${request.id}/redirect`, {
      method: 'POST',
      body: { to: 'samu', note: 'Signe d’alerte à l’appel : transfert au 15.' },
    });
    call.request = { ...request, ...redirected, status: 'redirected' };
    say(`Demande ${request.reference} transférée au 15 : passez l’appel au SAMU.`);
    onFiled(call.request);
  } catch (error) {
    sayFailure('Transfert au 15', error);
  } finally {
    button.disabled = false;
  }
}

function redFlagsTicked() {
  const any = checked('red-flag').length > 0;
  byId('samu-box').hidden = !any;
  byId('submit').hidden = any;
  if (any) say('Signe d’alerte coché : transférez l’appel au 15.');
}

async function searchGps(text) {
  const wanted = plain(text);
  const matching = (await allPractitioners())
    .filter(
      (gp) =>
        plain(`${gp.firstName} ${gp.lastName}`).includes(wanted) ||
        plain(`${gp.lastName} ${gp.firstName}`).includes(wanted),
    )
    .slice(0, 8)
    .map((gp) => ({
      value: gp.rpps,
      label: practitionerName(gp),
      hint: gp.practice.communeName,
    }));
  const special = [GP_NONE, GP_UNAVAILABLE].filter((option) =>
    plain(option.label).includes(wanted),
  );
  return [...matching, ...special];
}

async function searchCommunes(text) {
  const found = await api(`/communes?${new URLSearchParams({ q: text, limit: '20' })}`);
  return found.items
    .sort((a, b) => Number(b.inTerritory) - Number(a.inTerritory))
    .slice(0, 10)
    .map((commune) => ({
      value: commune.code,
      label: `${commune.name} (${commune.postalCodes[0] ?? commune.department})`,
      hint: commune.inTerritory ? undefined : 'hors territoire de la CPTS',
    }));
}

/** Empties the form for the next call, its focus on the first name. */
export function newCall() {
  byId('call-form').reset();
  communes.reset();
  gps.reset();
  call = newCallState();
  showErrors([]);
  byId('duplicates').hidden = true;
  redFlagsTicked();
  byId('submit').textContent = SUBMIT_LABELS.urgent;
  countReason();
  say('');
  byId('first-name').focus();
}

/** Builds the form; `filed(request)` shows a request once filed (or transferred). */
export function startCallForm(filed) {
  onFiled = filed;
  call = newCallState();
  fill(
    byId('reason-category'),
    el('option', { value: '' }, '— choisir —'),
    REASONS.map((text) => el('option', { value: text }, text)),
  );
  byId('modes').append(
    ...Object.entries(MODE_LABELS).map(([value, label]) =>
      checkbox('mode', value, label, value === 'in_person'),
    ),
  );
  byId('flags').append(
    ...Object.entries(FLAG_LABELS).map(([value, label]) => checkbox('flag', value, label)),
  );
  byId('red-flags').append(
    ...RED_FLAGS.map(([value, label]) => checkbox('red-flag', value, label)),
  );
  communes = combobox(byId('commune'), byId('commune-options'), { search: searchCommunes });
  gps = combobox(byId('gp'), byId('gp-options'), { search: searchGps });
  const form = byId('call-form');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit().catch((error) => sayFailure('Dépôt de la demande', error));
  });
  form.addEventListener('change', (event) => {
    if (event.target.name === 'red-flag') redFlagsTicked();
    if (event.target.name === 'kind') byId('submit').textContent = SUBMIT_LABELS[kind()];
  });
  byId('reason-category').addEventListener('change', countReason);
  byId('reason-text').addEventListener('input', countReason);
  byId('samu').addEventListener('click', (event) => transferToSamu(event.currentTarget));
  byId('duplicates-go-on').addEventListener('click', () => {
    byId('duplicates').hidden = true;
    submit().catch((error) => sayFailure('Dépôt de la demande', error));
  });
  countReason();
}
