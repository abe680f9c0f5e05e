import { api } from '/ui/api.js';
import { byId } from '/ui/dom.js';

import { failed, notice } from './gp-page.js';

function showState(published) {
  byId('sas-state').textContent = published
    ? 'Vos créneaux urgents libres sont visibles des régulateurs du SAS.'
    : 'Vos créneaux ne sont pas publiés au SAS.';
}

/** The GP's consent to publish their urgent slots to the SAS: one switch, saved as it changes. */
export async function startSas(practitioner) {
  const box = byId('sas-publication');
  box.checked = practitioner.sasPublication === true;
  showState(box.checked);
  box.addEventListener('change', async () => {
    const wanted = box.checked;
    box.disabled = true;
    try {
      const updated = await api(`/practitioners/${practitioner.id}/sas-publication`, {
        method: 'PUT',
        body: { sasPublication: wanted },
      });
      box.checked = updated.sasPublication === true;
      showState(box.checked);
      notice(
        box.checked
          ? 'C’est noté : vos créneaux urgents sont publiés au SAS.'
          : 'C’est noté : vos créneaux ne sont plus publiés au SAS.',
      );
    } catch (error) {
      box.checked = !wanted;
      showState(box.checked);
      failed(error);
    } finally {
      box.disabled = false;
      box.focus();
    }
  });
  byId('sas-section').hidden = false;
}
