import { ApiError, followEvents, loadSession, onUnauthorized, signOut } from '/ui/api.js';
import { byId } from '/ui/dom.js';

import { startCampaign } from './campaign.js';
import { hideHistory, showHistory } from './history.js';
import { defaultPeriod, downloadCsv, loadIndicators } from './indicators.js';
import { applyAvailabilityEvent, loadLiveTable } from './live-table.js';
import { startRedirectTargets } from './redirect-targets.js';
import {
  loadRequestLists,
  refreshRequestLists,
  setRequestHandlers,
  tickTimeLeft,
} from './requests.js';
import { startSas } from './sas.js';

const REFRESH_MS = 30_000;
/** Roles that read this page; only the coordinator acts on requests and reads indicators. */
const READERS = new Set(['coordinator', 'operator']);
const REQUEST_LINK = /^#request-([0-9a-f-]{36})$/;

let stream;
let timers = [];
let listsReload;
let leaving = false;

function notice(text) {
  byId('notice').textContent = text;
}

function failed(error) {
  notice(`Erreur : ${error instanceof ApiError ? error.message : 'le service ne répond pas.'}`);
}

/** Reads the lists again soon, once for a burst of events. */
function reloadListsSoon() {
  clearTimeout(listsReload);
  listsReload = setTimeout(() => refreshRequestLists().catch(failed), 300);
}

function onAvailabilityEvent(event) {
  if (applyAvailabilityEvent(event)) loadLiveTable().catch(failed);
  if (event.type === 'slot.booked' || event.type === 'slot.released') reloadListsSoon();
}

function onStreamState(state) {
  byId('live-status').textContent =
    state === 'open' ? 'Mise à jour en direct.' : 'Flux interrompu, reconnexion…';
  byId('connection').textContent = state === 'open' ? 'Connecté' : 'Reconnexion…';
  if (state === 'open') loadLiveTable().catch(failed);
}

async function openHistory(id) {
  try {
    await showHistory(id);
  } catch (error) {
    failed(error);
  }
}

function stopFollowing() {
  stream?.close();
  timers.forEach(clearInterval);
  timers = [];
}

/** Back to the sign-in page, which brings the person back here (and to the linked request). */
function toSignIn() {
  if (leaving) return;
  leaving = true;
  stopFollowing();
  location.replace(`/connexion?next=${encodeURIComponent(location.pathname + location.hash)}`);
}

function showWho(current) {
  const name = current.person?.displayName;
  byId('who').textContent = name ? `${name} — ${current.cpts.name}` : current.cpts.name;
  byId('logout').hidden = !current.person;
}

function refuse(current) {
  byId('loading').hidden = true;
  byId('refused-text').textContent =
    current.role === 'practitioner'
      ? 'Ce tableau de bord est celui de la coordination et de la plateforme. Votre espace médecin est sur la page /medecin.'
      : 'Ce tableau de bord est réservé à la coordination et à la plateforme de la CPTS.';
  byId('refused').hidden = false;
}

async function start() {
  const current = await loadSession();
  if (!current) {
    toSignIn();
    return;
  }
  showWho(current);
  if (!READERS.has(current.role)) {
    refuse(current);
    return;
  }
  const coordinator = current.role === 'coordinator';
  for (const part of document.querySelectorAll('[data-coordinator-only]'))
    part.hidden = !coordinator;
  byId('loading').hidden = true;
  byId('app').hidden = false;
  setRequestHandlers({ onHistory: openHistory, onNotice: notice, canAct: coordinator });
  await loadLiveTable();
  if (coordinator) defaultPeriod();
  await Promise.all([
    loadRequestLists(),
    coordinator ? loadIndicators() : undefined,
    coordinator ? startCampaign(notice).catch(failed) : undefined,
    coordinator ? startRedirectTargets(notice).catch(failed) : undefined,
    coordinator ? startSas(notice).catch(failed) : undefined,
  ]);
  stream = followEvents(onAvailabilityEvent, onStreamState);
  timers = [
    setInterval(() => refreshRequestLists().catch(failed), REFRESH_MS),
    setInterval(tickTimeLeft, REFRESH_MS / 2),
  ];
  const linked = REQUEST_LINK.exec(location.hash);
  if (linked) await openHistory(linked[1]);
}

async function logout() {
  const button = byId('logout');
  button.disabled = true;
  // The stream answers 401 as soon as the session ends: that is not a reason to sign in again.
  leaving = true;
  try {
    await signOut();
  } catch {
    leaving = false;
    button.disabled = false;
    notice('La déconnexion a échoué : le service ne répond pas. Réessayez.');
    return;
  }
  stopFollowing();
  location.assign('/connexion');
}

onUnauthorized(toSignIn);
byId('logout').addEventListener('click', () => void logout());
byId('history-close').addEventListener('click', hideHistory);
window.addEventListener('hashchange', () => {
  const linked = REQUEST_LINK.exec(location.hash);
  if (linked && !byId('app').hidden) void openHistory(linked[1]);
});
byId('period-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadIndicators().catch(failed);
});
byId('csv').addEventListener('click', () => downloadCsv().catch(failed));

start().catch((error) => {
  byId('loading').textContent =
    error instanceof ApiError
      ? `Erreur : ${error.message}`
      : 'Le service ne répond pas ; rechargez la page dans un instant.';
});
