// A Pro Santé Connect look-alike for tests: a real OpenID provider (oidc-provider) in its own process,
// because oidc-provider is ESM-only and Jest cannot load it on Node 20.
//
// Environment: PORT (0 = any free port), CLIENT_ID, CLIENT_SECRET, REDIRECT_URI,
// TOKEN_ENDPOINT_AUTH_METHOD (client_secret_basic by default).
// Prints one JSON line {"issuer": "http://127.0.0.1:PORT"} on stdout once it listens.
//
// Sign-in: the login form takes an 11-digit RPPS (anything else gives an invalid SubjectNameID);
// "acr0-<rpps>" signs in with acr eidas0 (a wrong level); "refus" makes the provider answer
// access_denied.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

import Provider from 'oidc-provider';

const { PORT = '0', CLIENT_ID, CLIENT_SECRET, REDIRECT_URI } = process.env;
const authMethod = process.env.TOKEN_ENDPOINT_AUTH_METHOD ?? 'client_secret_basic';
if (!CLIENT_ID || !CLIENT_SECRET || !REDIRECT_URI) {
  console.error('CLIENT_ID, CLIENT_SECRET and REDIRECT_URI are required');
  process.exit(2);
}

const SCOPE = 'openid scope_all';
const SCOPE_CLAIMS = ['SubjectNameID', 'given_name', 'family_name'];

let provider;
const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/.well-known/wallet-openid-configuration') {
    req.url = '/.well-known/openid-configuration';
  }
  const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
  if (interaction) {
    handleInteraction(req, res, interaction[2] !== undefined).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    return;
  }
  provider.callback()(req, res);
});

server.listen(Number(PORT), '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  provider = createProvider(issuer);
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

function createProvider(issuer) {
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: authMethod,
      },
    ],
    jwks: { keys: [{ ...signingKey.export({ format: 'jwk' }), kid: 'test', use: 'sig' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    acrValues: ['eidas1', 'eidas0'],
    claims: { acr: null, auth_time: null, sid: null, openid: ['sub'], scope_all: SCOPE_CLAIMS },
    scopes: ['openid', 'scope_all'],
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        SubjectNameID: `8${id}`,
        given_name: 'Anne',
        family_name: 'Martin',
      }),
    }),
    // Consent is granted without asking, as PSC does for a registered service.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const grantId =
        oidc.result?.consent?.grantId ?? oidc.session.grantIdFor(oidc.client.clientId);
      if (grantId) return oidc.provider.Grant.find(grantId);
      const grant = new oidc.provider.Grant({
        clientId: oidc.client.clientId,
        accountId: oidc.session.accountId,
      });
      grant.addOIDCScope(SCOPE);
      grant.addOIDCClaims(SCOPE_CLAIMS);
      await grant.save();
      return grant;
    },
  });
}

async function handleInteraction(req, res, submitted) {
  const details = await provider.interactionDetails(req, res);
  if (!submitted) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(loginPage(details.uid));
    return;
  }
  const login = new URLSearchParams(await readBody(req)).get('login')?.trim() ?? '';
  const result =
    login === 'refus'
      ? { error: 'access_denied', error_description: 'Connexion refusée' }
      : login.startsWith('acr0-')
        ? { login: { accountId: login.slice('acr0-'.length), acr: 'eidas0' } }
        : { login: { accountId: login, acr: 'eidas1' } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

function loginPage(uid) {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Pro Santé Connect (test)</title></head>
<body>
<main>
<h1>Pro Santé Connect (test)</h1>
<form method="post" action="/interaction/${uid}/login">
<label for="login">Identifiant</label>
<input id="login" name="login" type="text" autocomplete="off" required>
<button type="submit">Se connecter</button>
</form>
</main>
</body>
</html>
`;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
