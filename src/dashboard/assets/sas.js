import { api, ApiError } from '/ui/api.js';
import { byId } from '/ui/dom.js';
import { formatPhone } from '/ui/format.js';

let onNotice = () => {};
let territory = null;

const failure = (error) =>
  `Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`;

function show(current) {
  territory = current;
  const form = byId('sas-form');
  form.elements.finess.value = current.finess ?? '';
  form.elements.phone.value = current.phone ? formatPhone(current.phone) : '';
  byId('sas-status').textContent = current.finess
    ? `FINESS ${current.finess} : les créneaux des médecins qui l’acceptent sont transmis au SAS.`
    : 'Aucun FINESS : les créneaux de la CPTS ne sont pas transmis au SAS.';
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
      },
    });
    show(saved);
    onNotice('Plateforme SAS : c’est enregistré.');
  } catch (error) {
    onNotice(failure(error));
  }
}

/** The CPTS's FINESS and phone, which the SAS platform needs to list its slots. */
export async function startSas(notice) {
  onNotice = notice;
  byId('sas-form').addEventListener('submit', (event) => void save(event));
  show(await api('/territory'));
}
