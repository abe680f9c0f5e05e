import { ApiError, followEvents, onUnauthorized, session } from './api.js';
import { byId } from './dom.js';
import { hideHistory, showHistory } from './history.js';
import { defaultPeriod, downloadCsv, loadIndicators } from './indicators.js';
import { applyAvailabilityEvent, loadLiveTable } from './live-table.js';
import {
  loadRequestLists,
  refreshRequestLists,
  setRequestHandlers,
  tickTimeLeft,
} from './requests.js';

const REFRESH_MS = 30_000;

let stream;
let timers = [];
let listsReload;

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

async function start() {
  byId('login').hidden = true;
  byId('app').hidden = false;
  byId('logout').hidden = false;
  setRequestHandlers({ onHistory: openHistory, onNotice: notice });
  defaultPeriod();
  await loadLiveTable();
  await Promise.all([loadRequestLists(), loadIndicators()]);
  stream = followEvents(onAvailabilityEvent, onStreamState);
  timers = [
    setInterval(() => refreshRequestLists().catch(failed), REFRESH_MS),
    setInterval(tickTimeLeft, REFRESH_MS / 2),
  ];
  const linked = /^#request-([0-9a-f-]{36})$/.exec(location.hash);
  if (linked) await openHistory(linked[1]);
}

function stop(message) {
  session.clear();
  stream?.close();
  timers.forEach(clearInterval);
  timers = [];
  byId('app').hidden = true;
  byId('logout').hidden = true;
  byId('login').hidden = false;
  byId('connection').textContent = '';
  byId('login-error').textContent = message;
  byId('token').focus();
}

async function login(event) {
  event.preventDefault();
  const token = byId('token').value.trim();
  if (!token) {
    byId('login-error').textContent = 'Collez votre jeton.';
    byId('token').focus();
    return;
  }
  session.set(token);
  byId('token').value = '';
  try {
    await start();
  } catch (error) {
    const message =
      error instanceof ApiError && error.status === 403
        ? 'Ce jeton n’est pas celui d’un coordinateur.'
        : error instanceof ApiError && error.status === 401
          ? 'Jeton inconnu ou révoqué.'
          : 'Le service ne répond pas ; réessayez.';
    stop(message);
  }
}

onUnauthorized(() => stop('Session terminée : le jeton a été refusé.'));
byId('login-form').addEventListener('submit', (event) => void login(event));
byId('logout').addEventListener('click', () => stop(''));
byId('history-close').addEventListener('click', hideHistory);
byId('period-form').addEventListener('submit', (event) => {
  event.preventDefault();
  loadIndicators().catch(failed);
});
byId('csv').addEventListener('click', () => downloadCsv().catch(failed));

if (session.token) start().catch(() => stop('Reconnectez-vous.'));
else byId('token').focus();
