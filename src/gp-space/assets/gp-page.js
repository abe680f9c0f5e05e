import { ApiError, loadSession, onUnauthorized, signOut } from '/ui/api.js';
import { byId } from '/ui/dom.js';
import { problemText } from '/ui/words.js';

/** Back to sign-in, coming back to this very page afterwards. */
export function toSignIn() {
  const next = `${location.pathname}${location.search}${location.hash}`;
  location.assign(`/connexion?next=${encodeURIComponent(next)}`);
}

export function notice(text) {
  byId('notice').textContent = text;
}

export function failed(error) {
  notice(
    `Erreur : ${error instanceof ApiError ? problemText(error.status, error.problem) : 'le service ne répond pas.'}`,
  );
}

/** The practitioner's session, or null when this page is not for the one signed in. */
export async function gpSession() {
  onUnauthorized(toSignIn);
  const session = await loadSession();
  if (!session) {
    toSignIn();
    return null;
  }
  if (session.role !== 'practitioner' || !session.practitionerId) {
    notice('Cet espace est celui des médecins : votre compte n’y a pas accès.');
    return null;
  }
  byId('who').textContent = session.person?.displayName ?? '';
  const logout = byId('logout');
  logout.hidden = false;
  logout.addEventListener('click', async () => {
    await signOut().catch(() => undefined);
    location.assign(`/connexion?next=${encodeURIComponent(location.pathname)}`);
  });
  notice('');
  return session;
}
