import { freePort } from '../src/common/free-port';
import { hasChromium, launchChromium } from './support/browser';
import { cookieHeader } from './support/people';
import { type PscProvider, startPscProvider } from './support/psc-provider';
import { signInAtPsc } from './support/psc-user-agent';
import { createPractitioner } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const RPPS = '12345678901';
const CLIENT = { clientId: 'cpts-orientation', clientSecret: 'test-secret-of-the-client' };

describe('signing in with Pro Santé Connect (a real OpenID provider in its own process)', () => {
  let psc: PscProvider;
  let t: TestApp;
  let tenant: Tenant;
  let base: string;
  let gp: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    psc = await startPscProvider({ ...CLIENT, redirectUri: `${base}/auth/psc/callback` });
    t = await startTestApp({
      PUBLIC_URL: base,
      PSC_ISSUER: psc.issuer,
      PSC_CLIENT_ID: CLIENT.clientId,
      PSC_CLIENT_SECRET: CLIENT.clientSecret,
    });
    await t.app.listen(port, '127.0.0.1');
    tenant = await t.tenant();
    gp = await createPractitioner(t, tenant.cpts.id, { rpps: RPPS, lastName: 'Martin' });
  });

  afterAll(async () => {
    await t?.close();
    await psc?.stop();
  });

  /** Leaves for PSC from our login route; returns where PSC sends the browser back, and our cookie. */
  async function throughPsc(login: string, next = '/dashboard') {
    const start = await fetch(`${base}/auth/psc/login?next=${encodeURIComponent(next)}`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(303);
    const pending = cookieHeader(start.headers.getSetCookie());
    expect(pending).toMatch(/^cpts_psc=/);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(psc.issuer);
    expect(authorize.searchParams.get('scope')).toBe('openid scope_all');
    expect(authorize.searchParams.get('acr_values')).toBe('eidas1');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const callback = await signInAtPsc(authorize.href, login, `${base}/auth/psc/callback`);
    return { callback, pending };
  }

  async function back(callback: URL, cookie: string) {
    const response = await fetch(callback, { redirect: 'manual', headers: { cookie } });
    const setCookies = response.headers.getSetCookie();
    return {
      status: response.status,
      location: response.headers.get('location'),
      session: setCookies.find((line) => /^cpts_session=\S/.test(line)),
      text: await response.text(),
    };
  }

  it('signs a GP in and opens the page `next` named', async () => {
    const { callback, pending } = await throughPsc(RPPS, '/dashboard#request-1');
    const answer = await back(callback, pending);
    expect(answer.status).toBe(303);
    expect(answer.location).toBe('/dashboard#request-1');
    expect(answer.session).toBeDefined();
    const me = await fetch(`${base}/api/v1/session`, {
      headers: { cookie: answer.session!.split(';')[0] },
    });
    expect(await me.json()).toEqual(
      expect.objectContaining({
        role: 'practitioner',
        scope: 'full',
        practitionerId: gp,
        person: expect.objectContaining({ displayName: 'Dr Anne Martin' }),
      }),
    );
  });

  it('refuses an authentication weaker than eIDAS 1, with a French page and no session', async () => {
    const { callback, pending } = await throughPsc(`acr0-${RPPS}`);
    const answer = await back(callback, pending);
    expect(answer.status).toBe(403);
    expect(answer.session).toBeUndefined();
    expect(answer.text).toContain('authentification forte');
  });

  it('refuses an RPPS with no account in any CPTS', async () => {
    const { callback, pending } = await throughPsc('10987654321');
    const answer = await back(callback, pending);
    expect(answer.status).toBe(403);
    expect(answer.session).toBeUndefined();
    expect(answer.text).toContain('Aucun compte de la CPTS ne correspond');
  });

  it('refuses a forged state, and a callback without the pending sign-in', async () => {
    const { callback, pending } = await throughPsc(RPPS);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state');
    const withForged = await back(forged, pending);
    expect(withForged.status).toBe(403);
    expect(withForged.session).toBeUndefined();
    expect(withForged.text).toContain('La connexion n’a pas pu être vérifiée');
    const withoutCookie = await back(callback, '');
    expect(withoutCookie.status).toBe(403);
    expect(withoutCookie.session).toBeUndefined();
  });

  it('refuses a replayed code: the second use of a callback opens nothing', async () => {
    const { callback, pending } = await throughPsc(RPPS);
    expect((await back(callback, pending)).session).toBeDefined();
    const replay = await back(callback, pending);
    expect(replay.status).toBe(403);
    expect(replay.session).toBeUndefined();
  });

  it('leaves for PSC only to a local page: another site in `next` opens the GP’s home', async () => {
    const { callback, pending } = await throughPsc(RPPS, 'https://evil.example/');
    const answer = await back(callback, pending);
    expect(answer.location).toBe('/medecin');
  });

  (hasChromium ? it : it.skip)(
    'works end to end in a browser: sign-in page, PSC, back on the page asked for',
    async () => {
      const browser = await launchChromium();
      try {
        const { page, context } = browser;
        await page.goto(`${base}/connexion?next=${encodeURIComponent('/dashboard')}`);
        await page.getByRole('link', { name: 'Se connecter avec Pro Santé Connect' }).click();
        await page.getByLabel('Identifiant').fill(RPPS);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForURL(`${base}/dashboard`);
        const cookies = await context.cookies(base);
        const session = cookies.find((cookie) => cookie.name === 'cpts_session');
        expect(session).toEqual(expect.objectContaining({ httpOnly: true, sameSite: 'Lax' }));
        expect(cookies.find((cookie) => cookie.name === 'cpts_psc')).toBeUndefined();
      } finally {
        await browser.close();
      }
    },
  );
});

describe('without PSC_ISSUER', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('shows no Pro Santé Connect button and says the route is closed', async () => {
    const page = await t.http().get('/connexion').expect(200);
    expect(page.text).not.toContain('Pro Santé Connect');
    expect(page.text).toContain('Recevoir un lien de connexion');
    const login = await t.http().get('/auth/psc/login').expect(404);
    expect(login.text).toContain('n’est pas ouverte');
  });
});
