import { ApiError } from '/ui/api.js';
import { byId, el } from '/ui/dom.js';
import { problemText } from '/ui/words.js';

/** Says what happened in the page's status line, which screen readers announce. */
export function say(text) {
  byId('notice').textContent = text;
}

/** An action that failed, in French: `what` names it (« Confirmation »). */
export function sayFailure(what, error) {
  const why =
    error instanceof ApiError
      ? problemText(error.status, error.problem)
      : 'le service ne répond pas.';
  say(`${what} impossible : ${why}`);
}

/** Runs an action from a button, the button disabled meanwhile so that a double press files once. */
export async function pressed(button, what, action) {
  button.disabled = true;
  try {
    await action();
  } catch (error) {
    sayFailure(what, error);
  } finally {
    button.disabled = false;
  }
}

/**
 * A text to read to the patient, with a button that copies it: `lines` are sentences, shown one
 * per paragraph and copied one per line.
 */
export function script(title, lines) {
  const text = lines.join('\n');
  const copy = el(
    'button',
    {
      type: 'button',
      className: 'secondary',
      onclick: async () => {
        try {
          await navigator.clipboard.writeText(text);
          say('Texte copié.');
        } catch {
          say('Copie impossible : sélectionnez le texte à la main.');
        }
      },
    },
    'Copier le texte',
  );
  return el(
    'div',
    { className: 'script' },
    el('h3', { tabindex: '-1' }, title),
    el(
      'blockquote',
      {},
      lines.map((line) => el('p', {}, line)),
    ),
    copy,
  );
}
