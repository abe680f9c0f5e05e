import { api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';

let onNotice = () => {};
/** The perimeter as last read: PUT /territory rewrites it whole. */
let territory = null;

const failure = (error) =>
  `Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`;

function showTerritory(view) {
  territory = view;
  const form = byId('publication-form');
  form.elements.finess.value = view.finess ?? '';
  form.elements.phone.value = view.phone ?? '';
  form.elements.open.checked = view.smartPublication;
  byId('publication-url').hidden = !view.smartPublicationUrl;
  byId('publication-link').textContent = view.smartPublicationUrl ?? '';
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const finess = form.elements.finess.value.trim();
  const phone = form.elements.phone.value.trim();
  try {
    showTerritory(
      await api('/territory', {
        method: 'PUT',
        body: {
          name: territory.name,
          communeCodes: territory.communeCodes,
          finess: finess || null,
          phone: phone || null,
          smartPublication: form.elements.open.checked,
        },
      }),
    );
    onNotice('Publication enregistrée.');
  } catch (error) {
    onNotice(failure(error));
  }
}

function practitionerItem(practitioner) {
  const name = `Dr ${practitioner.firstName} ${practitioner.lastName}`;
  const box = el('input', {
    type: 'checkbox',
    checked: practitioner.sasPublication,
    onchange: () => void consent(practitioner, name, box),
  });
  return el('li', {}, el('label', {}, box, ` ${name}, ${practitioner.practice.communeName}`));
}

async function consent(practitioner, name, box) {
  box.disabled = true;
  try {
    await api(`/practitioners/${practitioner.id}`, {
      method: 'PATCH',
      body: { sasPublication: box.checked },
    });
    practitioner.sasPublication = box.checked;
    onNotice(
      box.checked
        ? `Les créneaux du ${name} sont publiés.`
        : `Les créneaux du ${name} ne sont plus publiés.`,
    );
    countConsents();
  } catch (error) {
    box.checked = practitioner.sasPublication;
    onNotice(failure(error));
  } finally {
    box.disabled = false;
  }
}

let practitioners = [];

function countConsents() {
  const published = practitioners.filter((practitioner) => practitioner.sasPublication).length;
  byId('publication-count').textContent =
    `${published} médecin${published > 1 ? 's' : ''} sur ${practitioners.length} ` +
    `consent${published > 1 ? 'ent' : ''} à la publication de ses créneaux.`;
}

/** Every active practitioner of the CPTS, page by page. */
async function activePractitioners() {
  const all = [];
  let cursor = null;
  do {
    const query = new URLSearchParams({ active: 'true', limit: '500' });
    if (cursor) query.set('cursor', cursor);
    const page = await api(`/practitioners?${query}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

/**
 * Where the coordinator gives the SAS what it needs (the CPTS's FINESS and phone), records the
 * GPs' consent to publish their urgent slots, and opens the publication to other aggregators.
 */
export async function startPublication(notice) {
  onNotice = notice;
  byId('publication-form').addEventListener('submit', (event) => void save(event));
  const [view, list] = await Promise.all([api('/territory'), activePractitioners()]);
  showTerritory(view);
  practitioners = list;
  fill(byId('publication-practitioners'), list.map(practitionerItem));
  countConsents();
}
