import { api, ApiError } from '/ui/api.js';
import { byId, el, fill } from '/ui/dom.js';
import { formatCount, formatDateTime, formatPercent, practitionerName } from '/ui/format.js';

let onNotice = () => {};

function show(campaign) {
  if (!campaign) {
    fill(
      byId('campaign'),
      el('p', { className: 'help' }, 'Aucun questionnaire envoyé pour le moment.'),
    );
    return;
  }
  const pending = campaign.pending ?? [];
  fill(
    byId('campaign'),
    el(
      'p',
      {},
      `Envoyé le ${formatDateTime(campaign.sentAt)} à ${formatCount(campaign.recipients, 'médecin', 'médecins')} : `,
      el(
        'strong',
        { id: 'campaign-rate' },
        `${formatCount(campaign.answered, 'réponse', 'réponses')} (${formatPercent(campaign.responseRate)})`,
      ),
      '.',
    ),
    pending.length > 0
      ? [
          el('h3', { id: 'campaign-pending-title' }, 'Sans réponse'),
          el(
            'ul',
            { 'aria-labelledby': 'campaign-pending-title' },
            pending.map((gp) =>
              el(
                'li',
                {},
                practitionerName(gp),
                gp.remindedAt &&
                  el(
                    'span',
                    { className: 'help' },
                    ` — relancé le ${formatDateTime(gp.remindedAt)}`,
                  ),
              ),
            ),
          ),
        ]
      : el('p', { className: 'help' }, 'Tous les médecins ont répondu.'),
  );
}

export async function loadCampaign() {
  try {
    show(await api('/campaigns/latest'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) show(null);
    else throw error;
  }
}

async function send() {
  const button = byId('campaign-send');
  button.disabled = true;
  try {
    const sent = await api('/campaigns', { method: 'POST', body: {} });
    onNotice(`Questionnaire envoyé à ${formatCount(sent.recipients, 'médecin', 'médecins')}.`);
    await loadCampaign();
  } catch (error) {
    onNotice(`Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`);
  } finally {
    button.disabled = false;
  }
}

/** The questionnaire MT/SNP panel: send the campaign, follow who answered. */
export function startCampaign(notice) {
  onNotice = notice;
  byId('campaign-send').addEventListener('click', () => void send());
  return loadCampaign();
}
