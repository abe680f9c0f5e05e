import { api } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatDaysAgo } from '/ui/format.js';

import { failed, notice } from './gp-page.js';

let practitionerId = '';

function summary(newPatients) {
  if (newPatients.expired)
    return 'Votre déclaration a expiré : confirmez-la ou modifiez-la pour recevoir des patients.';
  const when = newPatients.updatedAt ? ` (déclaré ${formatDaysAgo(newPatients.updatedAt)})` : '';
  if (!newPatients.accepting) return `Vous n’acceptez pas de nouveaux patients${when}.`;
  const places = newPatients.openPlaces;
  return `Vous acceptez de nouveaux patients : ${formatCount(places, 'place', 'places')}${when}.`;
}

/** Places, ages and communes only matter when the GP says yes. */
function syncAccepting() {
  const accepting = byId('capacity-form').elements.accepting.value === 'yes';
  for (const id of ['capacity-places', 'capacity-age-min', 'capacity-age-max'])
    byId(id).hidden = !accepting;
  for (const label of byId('capacity-form').querySelectorAll('label[for^="capacity-"]'))
    label.hidden = !accepting;
  byId('capacity-communes-box').hidden = !accepting || !hasCommunes;
}

let hasCommunes = false;

function show(newPatients) {
  byId('capacity-summary').textContent = summary(newPatients);
  const form = byId('capacity-form');
  form.elements.accepting.value = newPatients.accepting ? 'yes' : 'no';
  byId('capacity-places').value = String(newPatients.openPlaces ?? 0);
  byId('capacity-age-min').value = newPatients.ageMin ?? '';
  byId('capacity-age-max').value = newPatients.ageMax ?? '';
  const chosen = new Set(newPatients.communeCodes ?? []);
  for (const box of byId('capacity-communes').querySelectorAll('input'))
    box.checked = chosen.has(box.value);
  syncAccepting();
}

async function communes(selected) {
  const territory = await api('/territory').catch(() => null);
  const known = territory?.communes ?? [];
  const codes = new Set([...known.map((commune) => commune.code), ...selected]);
  const names = new Map(known.map((commune) => [commune.code, commune.name]));
  fill(
    byId('capacity-communes'),
    [...codes]
      .sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b, 'fr'))
      .map((code) =>
        el(
          'label',
          {},
          el('input', { type: 'checkbox', name: 'communeCodes', value: code }),
          names.get(code) ?? code,
        ),
      ),
  );
  hasCommunes = codes.size > 0;
}

const optionalNumber = (value) => (value === '' ? undefined : Number(value));

async function save(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  const communeCodes = form.getAll('communeCodes').map(String);
  try {
    const practitioner = await api(`/practitioners/${practitionerId}/new-patient-capacity`, {
      method: 'PUT',
      body: {
        accepting: form.get('accepting') === 'yes',
        openPlaces: Number(form.get('openPlaces') || 0),
        ageMin: optionalNumber(String(form.get('ageMin'))),
        ageMax: optionalNumber(String(form.get('ageMax'))),
        communeCodes: communeCodes.length > 0 ? communeCodes : undefined,
      },
    });
    const newPatients = practitioner.newPatients ?? practitioner;
    notice('Nouveaux patients : c’est enregistré.');
    if (newPatients && 'accepting' in newPatients) show(newPatients);
  } catch (error) {
    failed(error);
  }
}

export async function startCapacity(practitioner) {
  practitionerId = practitioner.id;
  await communes(practitioner.newPatients.communeCodes ?? []);
  show(practitioner.newPatients);
  byId('capacity-form').addEventListener('submit', save);
  byId('capacity-form').addEventListener('change', syncAccepting);
  byId('capacity-section').hidden = false;
}

export const capacitySummary = summary;
