import { api } from '/ui/api.js';
import { actions, button, byId, el, fill } from '/ui/dom.js';
import { daysSince, formatDateTime, formatDaysAgo } from '/ui/format.js';
import { FLAG_LABELS } from '/ui/words.js';

import { startCapacity } from './capacity.js';
import { failed, gpSession, notice } from './gp-page.js';
import { startPatients } from './patients.js';
import { startSas } from './sas.js';
import { startSlots } from './slots.js';

const STALE_DAYS = 7;

/** The older of the two declarations: what the GP is asked to confirm. */
function oldestUpdate(practitioner) {
  const dates = [practitioner.availabilityUpdatedAt, practitioner.newPatients?.updatedAt];
  if (dates.some((date) => !date)) return null;
  return dates.sort()[0];
}

function showFreshness(updatedAt) {
  byId('freshness').textContent = updatedAt
    ? `Vos disponibilités ont été mises à jour ${formatDaysAgo(updatedAt)}.`
    : 'Vos disponibilités n’ont jamais été confirmées.';
  byId('confirm-section').classList.toggle(
    'stale',
    !updatedAt || daysSince(updatedAt) >= STALE_DAYS,
  );
}

function startConfirm(practitioner) {
  showFreshness(oldestUpdate(practitioner));
  const button = byId('confirm');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const confirmed = await api(`/practitioners/${practitioner.id}/availability/confirm`, {
        method: 'POST',
      });
      showFreshness(confirmed.availabilityUpdatedAt);
      notice('Merci, c’est confirmé : vos disponibilités sont toujours valables.');
      if (location.hash === '#confirmer') history.replaceState(null, '', location.pathname);
    } catch (error) {
      failed(error);
    } finally {
      button.disabled = false;
    }
  });
  byId('confirm-section').hidden = false;
  if (location.hash === '#confirmer') {
    byId('confirm-section').classList.add('stale');
    button.focus();
  }
}

function offerItem(offer, practitionerId) {
  const { patient } = offer;
  const flags = patient.priorityFlags.map((flag) => FLAG_LABELS[flag] ?? flag);
  const who = `${patient.firstName} ${patient.initial}., ${patient.age} ans, ${patient.communeName}`;
  // A surnuméraire: an urgent patient to see once, at the time asked.
  const when = offer.startsAt && `en surnuméraire le ${formatDateTime(offer.startsAt)}`;
  const accepted = when
    ? `${patient.firstName} ${patient.initial}. est attendu(e) ${when}.`
    : `${patient.firstName} ${patient.initial}. est votre patient(e).`;
  const declined = when
    ? 'C’est noté : la plateforme cherche une autre solution.'
    : 'C’est noté : la demande est proposée à un autre médecin.';
  const answer = async (verb, done) => {
    try {
      await api(`/offers/${offer.id}/${verb}`, {
        method: 'POST',
        body: verb === 'decline' ? {} : undefined,
      });
      notice(done);
      await loadOffers(practitionerId);
    } catch (error) {
      failed(error);
    }
  };
  return el(
    'li',
    {},
    el('p', {}, el('strong', {}, who)),
    when && el('p', {}, `À voir ${when}`),
    flags.length > 0 && el('p', { className: 'flags' }, `Prioritaire : ${flags.join(', ')}`),
    el('p', { className: 'muted' }, `Réponse attendue avant le ${formatDateTime(offer.expiresAt)}`),
    actions(
      button(
        {
          'aria-label': when
            ? `J’accepte de voir ${who} ${when}`
            : `J’accepte ${who} comme patient`,
          onclick: () => answer('accept', accepted),
        },
        'J’accepte',
      ),
      el(
        'button',
        {
          type: 'button',
          className: 'secondary',
          'aria-label': `Pas cette fois pour ${who}`,
          onclick: () => answer('decline', declined),
        },
        'Pas cette fois',
      ),
    ),
  );
}

async function loadOffers(practitionerId) {
  const offers = await api(`/practitioners/${practitionerId}/offers?status=pending`);
  fill(
    byId('offers'),
    offers.items.map((offer) => offerItem(offer, practitionerId)),
  );
  byId('offers-empty').hidden = offers.items.length > 0;
  byId('offers-section').hidden = false;
}

async function start() {
  const session = await gpSession();
  if (!session) return;
  const practitioner = await api(`/practitioners/${session.practitionerId}`);
  startConfirm(practitioner);
  byId('jump').hidden = false;
  await Promise.all([
    loadOffers(practitioner.id).catch(failed),
    startSlots(practitioner).catch(failed),
    startCapacity(practitioner).catch(failed),
    startSas(practitioner).catch(failed),
    startPatients(session).catch(failed),
  ]);
}

start().catch(failed);
