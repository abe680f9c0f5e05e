import { api, ApiError, loadSession, onUnauthorized, signOut } from '/dashboard/api.js';
import { byId, el, fill } from '/dashboard/dom.js';
import { formatDateTime } from '/dashboard/format.js';

const FLAGS = {
  ald: 'ALD',
  age_70_plus: '70 ans et plus',
  c2s: 'C2S',
  isolated: 'isolé(e)',
};
const DAY = 86_400_000;

function toSignIn() {
  const next = `${location.pathname}${location.search}${location.hash}`;
  location.assign(`/connexion?next=${encodeURIComponent(next)}`);
}

function notice(text) {
  byId('notice').textContent = text;
}

function failed(error) {
  notice(`Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`);
}

/** "mises à jour aujourd'hui", "il y a 3 jours", or never. */
function freshness(iso) {
  if (!iso) return 'Vos disponibilités n’ont jamais été renseignées.';
  const days = Math.floor((Date.now() - Date.parse(iso)) / DAY);
  if (days <= 0) return 'Vos disponibilités ont été mises à jour aujourd’hui.';
  return `Vos disponibilités ont été mises à jour il y a ${days} jour${days > 1 ? 's' : ''}.`;
}

function offerItem(offer, practitionerId) {
  const { patient } = offer;
  const flags = patient.priorityFlags.map((flag) => FLAGS[flag] ?? flag);
  const who = `${patient.firstName} ${patient.initial}., ${patient.age} ans, ${patient.communeName}`;
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
    flags.length > 0 && el('p', { className: 'flags' }, `Prioritaire : ${flags.join(', ')}`),
    el('p', { className: 'muted' }, `Réponse attendue avant le ${formatDateTime(offer.expiresAt)}`),
    el(
      'div',
      { className: 'actions' },
      el(
        'button',
        {
          type: 'button',
          className: 'primary',
          'aria-label': `J’accepte ${who} comme patient`,
          onclick: () =>
            answer('accept', `${patient.firstName} ${patient.initial}. est votre patient(e).`),
        },
        'J’accepte',
      ),
      el(
        'button',
        {
          type: 'button',
          'aria-label': `Pas cette fois pour ${who}`,
          onclick: () =>
            answer('decline', 'C’est noté : la demande est proposée à un autre médecin.'),
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

async function loadAvailability(practitionerId) {
  const from = new Date();
  const to = new Date(from.getTime() + 14 * DAY);
  const [practitioner, slots] = await Promise.all([
    api(`/practitioners/${practitionerId}`),
    api(`/practitioners/${practitionerId}/slots?from=${from.toISOString()}&to=${to.toISOString()}`),
  ]);
  byId('freshness').textContent = freshness(practitioner.availabilityUpdatedAt);
  fill(
    byId('slots'),
    slots.items.map((slot) =>
      el(
        'li',
        {},
        formatDateTime(slot.startsAt),
        slot.status === 'booked' ? ' — réservé' : ' — libre',
      ),
    ),
  );
  byId('slots-empty').hidden = slots.items.length > 0;
  byId('availability-section').hidden = false;
}

async function start() {
  onUnauthorized(toSignIn);
  const session = await loadSession();
  if (!session) return toSignIn();
  if (session.role !== 'practitioner' || !session.practitionerId) {
    notice('Cet espace est celui des médecins : votre compte n’y a pas accès.');
    return;
  }
  byId('who').textContent = session.person?.displayName ?? '';
  const logout = byId('logout');
  logout.hidden = false;
  logout.addEventListener('click', async () => {
    await signOut().catch(() => undefined);
    location.assign('/connexion?next=/medecin');
  });
  notice('');
  await Promise.all([loadOffers(session.practitionerId), loadAvailability(session.practitionerId)]);
}

start().catch(failed);
