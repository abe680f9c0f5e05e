import { allItems, api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatPhone, practitionerName } from '/ui/format.js';

let onNotice = () => {};
/** The perimeter as last read: PUT /territory rewrites it whole. */
let territory = null;
let practitioners = [];

const failure = (error) =>
  `Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`;

function show(current) {
  territory = current;
  const form = byId('sas-form');
  form.elements.finess.value = current.finess ?? '';
  form.elements.phone.value = current.phone ? formatPhone(current.phone) : '';
  form.elements.open.checked = current.smartPublication;
  byId('sas-status').textContent = current.finess
    ? `FINESS ${current.finess} : les créneaux des médecins qui l’acceptent sont transmis au SAS.`
    : 'Aucun FINESS : les créneaux de la CPTS ne sont pas transmis au SAS.';
  byId('sas-open-url').hidden = !current.smartPublicationUrl;
  byId('sas-open-link').textContent = current.smartPublicationUrl ?? '';
}

async function save(event) {
  event.preventDefault();
  const form = event.currentTarget;
  const finess = form.elements.finess.value.trim();
  const phone = form.elements.phone.value.trim();
  try {
    const saved = await api('/territory', {
      method: 'PUT',
      body: {
        name: territory.name,
        communeCodes: territory.communeCodes,
        finess: finess === '' ? null : finess,
        phone: phone === '' ? null : phone,
        smartPublication: form.elements.open.checked,
      },
    });
    show(saved);
    onNotice('Plateforme SAS : c’est enregistré.');
  } catch (error) {
    onNotice(failure(error));
  }
}

function countConsents() {
  const published = practitioners.filter((practitioner) => practitioner.sasPublication).length;
  byId('sas-consent-count').textContent =
    `${formatCount(published, 'médecin', 'médecins')} sur ${practitioners.length} ` +
    `accepte${published > 1 ? 'nt' : ''} que ses créneaux urgents soient publiés.`;
}

async function consent(practitioner, name, box) {
  box.disabled = true;
  try {
    await api(`/practitioners/${practitioner.id}/sas-publication`, {
      method: 'PUT',
      body: { sasPublication: box.checked },
    });
    practitioner.sasPublication = box.checked;
    onNotice(
      box.checked
        ? `Les créneaux urgents du ${name} sont publiés.`
        : `Les créneaux urgents du ${name} ne sont plus publiés.`,
    );
    countConsents();
  } catch (error) {
    box.checked = practitioner.sasPublication;
    onNotice(failure(error));
  } finally {
    box.disabled = false;
  }
}

function practitionerItem(practitioner) {
  const name = practitionerName(practitioner);
  const box = el('input', {
    type: 'checkbox',
    checked: practitioner.sasPublication,
    onchange: () => void consent(practitioner, name, box),
  });
  return el('li', {}, el('label', {}, box, ` ${name}, ${practitioner.practice.communeName}`));
}

/**
 * What the SAS platform needs (the CPTS's FINESS and phone), each GP's consent to the publication
 * of their urgent slots as the coordination records it, and the open publication for other
 * aggregators.
 */
export async function startSas(notice) {
  onNotice = notice;
  byId('sas-form').addEventListener('submit', (event) => void save(event));
  const [current, list] = await Promise.all([
    api('/territory'),
    allItems('/practitioners', { active: 'true' }),
  ]);
  show(current);
  practitioners = list;
  fill(byId('sas-consents'), list.map(practitionerItem));
  countConsents();
}
