import { loadSession, onUnauthorized, signOut } from '/ui/api.js';
import { byId } from '/ui/dom.js';

import { newCall, startCallForm } from './call-form.js';
import { say, sayFailure } from './console-page.js';
import { loadMyCalls, startMyCalls } from './my-calls.js';
import { clear, filed, loadTargets, open, press, startRequestPanel } from './request-panel.js';

/** The people of the call platform, and the coordinators who stand in for them. */
const USERS = new Set(['operator', 'coordinator']);
const REQUEST_LINK = /^#demande-([0-9a-f-]{36})$/;
const REFRESH_MS = 30_000;
const TARGETS_REFRESH_MS = 5 * 60_000;

let leaving = false;

function toSignIn() {
  if (leaving) return;
  leaving = true;
  location.replace(`/connexion?next=${encodeURIComponent(location.pathname + location.hash)}`);
}

function refreshCalls() {
  loadMyCalls().catch((error) => sayFailure('Lecture de mes appels', error));
}

function startNewCall() {
  clear();
  if (location.hash) history.replaceState(null, '', location.pathname);
  newCall();
}

/** Alt + a letter: the shortcuts listed on the page. */
const SHORTCUTS = {
  n: startNewCall,
  r: () => byId('search').focus(),
  m: () => byId('calls-section').focus(),
  c: () => press('confirm'),
  u: () => press('other-slot'),
  o: () => press('redirect'),
};

function onShortcut(event) {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const action = SHORTCUTS[event.key.toLowerCase()];
  if (!action) return;
  event.preventDefault();
  action();
}

function followLink() {
  const match = REQUEST_LINK.exec(location.hash);
  if (match) open(match[1]).catch((error) => sayFailure('Lecture de la demande', error));
}

async function start() {
  onUnauthorized(toSignIn);
  const session = await loadSession();
  if (!session) return toSignIn();
  if (!USERS.has(session.role)) {
    say('Cette page est celle de la plateforme d’appels : votre compte n’y a pas accès.');
    return;
  }
  const name = session.person?.displayName;
  byId('who').textContent = name ? `${name} — ${session.cpts.name}` : session.cpts.name;
  const logout = byId('logout');
  logout.hidden = !session.person;
  logout.addEventListener('click', async () => {
    await signOut().catch(() => undefined);
    location.assign(`/connexion?next=${encodeURIComponent(location.pathname)}`);
  });
  byId('new-call').hidden = false;
  byId('new-call').addEventListener('click', startNewCall);
  startCallForm((request) => {
    filed(request);
    refreshCalls();
  });
  startRequestPanel(refreshCalls);
  startMyCalls();
  document.addEventListener('keydown', onShortcut);
  window.addEventListener('hashchange', followLink);
  byId('main').hidden = false;
  say('');
  await loadTargets();
  refreshCalls();
  setInterval(refreshCalls, REFRESH_MS);
  setInterval(() => loadTargets(), TARGETS_REFRESH_MS);
  if (REQUEST_LINK.test(location.hash)) followLink();
  else byId('first-name').focus();
}

start().catch((error) => sayFailure('Ouverture de la page', error));
