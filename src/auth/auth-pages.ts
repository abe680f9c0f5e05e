/** The few pages of signing in, rendered by the service: French, readable on a phone, no script. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

const STYLE = `
  body { font: 1rem/1.5 system-ui, sans-serif; margin: 0; background: #f5f6f8; color: #1e1e1e; }
  main { max-width: 28rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-radius: .5rem; }
  h1 { font-size: 1.4rem; margin-top: 0; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; padding: .6rem; font-size: 1rem; border: 1px solid #666; border-radius: .25rem; }
  button, .button { display: inline-block; margin-top: 1rem; padding: .7rem 1rem; font-size: 1rem;
    border: 0; border-radius: .25rem; background: #000091; color: #fff; text-decoration: none; cursor: pointer; }
  .secondary { background: #fff; color: #000091; border: 1px solid #000091; }
  :focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
  .or { margin: 1.5rem 0 0; color: #3a3a3a; }
  [role=alert] { border-left: 4px solid #ce0500; padding-left: .75rem; }
`;

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Orientation des patients de la CPTS</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

export function signInPage(options: { next: string; psc: boolean; notice?: string }): string {
  const next = escapeHtml(options.next);
  const psc = options.psc
    ? `<p><a class="button" href="/auth/psc/login?next=${encodeURIComponent(options.next)}">Se connecter avec Pro Santé Connect</a></p>
<p class="or">Sans carte CPS ni e-CPS :</p>`
    : '';
  const notice = options.notice ? `<p role="alert">${escapeHtml(options.notice)}</p>` : '';
  return page(
    'Connexion',
    `${notice}${psc}
<form method="post" action="/auth/link">
<input type="hidden" name="next" value="${next}">
<label for="email">Votre adresse e-mail professionnelle</label>
<input id="email" name="email" type="email" autocomplete="email" required>
<button type="submit">Recevoir un lien de connexion</button>
</form>`,
  );
}

export function linkSentPage(): string {
  return page(
    'Vérifiez votre messagerie',
    `<p>Si un compte existe pour cette adresse, un lien de connexion vient d'y être envoyé.
Il est valable 15 minutes et ne sert qu'une fois.</p>
<p><a href="/connexion">Revenir à la connexion</a></p>`,
  );
}

/** Why signing in failed, said plainly, with the way forward. */
export const FAILURES = {
  expired: 'Ce lien a expiré. Demandez-en un nouveau : il arrive en quelques secondes.',
  used: 'Ce lien a déjà servi : un lien de connexion ne sert qu’une fois. Demandez-en un nouveau.',
  unknown: 'Ce lien n’est pas valable (ou plus). Demandez-en un nouveau.',
  state:
    'La connexion n’a pas pu être vérifiée (demande expirée ou déjà utilisée). Recommencez depuis la page de connexion.',
  acr: 'Pro Santé Connect n’a pas confirmé une authentification forte (carte CPS ou e-CPS). Recommencez avec votre carte CPS ou l’application e-CPS.',
  account:
    'Aucun compte de la CPTS ne correspond à votre identifiant RPPS. Demandez à la coordination de la CPTS de vous ajouter.',
  identity: 'Pro Santé Connect n’a pas transmis votre identifiant RPPS. Recommencez.',
  provider:
    'Pro Santé Connect n’a pas pu être joint ou a refusé la connexion. Réessayez dans un instant.',
  denied: 'La connexion a été annulée sur Pro Santé Connect.',
  unconfigured:
    'La connexion par Pro Santé Connect n’est pas ouverte sur ce service. Demandez un lien par e-mail.',
} as const;

export type Failure = keyof typeof FAILURES;

export function failurePage(failure: Failure): string {
  return page(
    'Connexion impossible',
    `<p role="alert">${escapeHtml(FAILURES[failure])}</p>
<p><a class="button" href="/connexion">Revenir à la connexion</a></p>`,
  );
}

export function signedOutPage(): string {
  return page(
    'Vous êtes déconnecté(e)',
    '<p><a class="button" href="/connexion">Se reconnecter</a></p>',
  );
}

/** A local path to go to after signing in; anything else (another site, `//host`) goes home. */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 500) return undefined;
  return /^\/(?![/\\])[^\s]*$/.test(next) ? next : undefined;
}
