import { createHash } from 'node:crypto';

import { PendingPscSignIn, PscClient, PscSignInError } from '../src/auth/psc/psc-client';
import { PscProvider, startPscProvider } from './support/psc-provider';
import { signInAtPsc } from './support/psc-user-agent';

const CLIENT = { clientId: 'cpts-orientation', clientSecret: 'a-test-secret' };
const REDIRECT_URI = 'http://127.0.0.1:3999/auth/psc/callback';

describe('PSC client against a real OpenID provider', () => {
  let provider: PscProvider;
  let client: PscClient;

  beforeAll(async () => {
    provider = await startPscProvider({ ...CLIENT, redirectUri: REDIRECT_URI });
    client = new PscClient({ ...CLIENT, issuer: provider.issuer, redirectUri: REDIRECT_URI });
  });

  afterAll(async () => {
    await provider?.stop();
  });

  async function callbackFor(login: string): Promise<{ callback: URL; pending: PendingPscSignIn }> {
    const { url, pending } = await client.start();
    return { callback: await signInAtPsc(url, login, REDIRECT_URI), pending };
  }

  async function failure(promise: Promise<unknown>): Promise<PscSignInError> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(PscSignInError);
    return error as PscSignInError;
  }

  it('asks for code with PKCE S256, scope_all, eidas1, a state and a nonce', async () => {
    const { url, pending } = await client.start();
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    expect(Object.fromEntries(params)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid scope_all',
      acr_values: 'eidas1',
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    const challenge = createHash('sha256').update(pending.codeVerifier).digest('base64url');
    expect(params.get('code_challenge')).toBe(challenge);
    expect(JSON.parse(JSON.stringify(pending))).toEqual(pending);
  });

  it('signs in a professional and reads the RPPS and names from the user info', async () => {
    const { callback, pending } = await callbackFor('12345678901');
    await expect(client.finish(callback, pending)).resolves.toEqual({
      rpps: '12345678901',
      subjectNameId: '812345678901',
      acr: 'eidas1',
      givenName: 'Anne',
      familyName: 'Martin',
    });
  });

  it('refuses an authentication level other than eidas1', async () => {
    const { callback, pending } = await callbackFor('acr0-12345678901');
    expect((await failure(client.finish(callback, pending))).reason).toBe('acr');
  });

  it('refuses a SubjectNameID that is not 8 followed by an 11-digit RPPS', async () => {
    const { callback, pending } = await callbackFor('1234567890');
    expect((await failure(client.finish(callback, pending))).reason).toBe('identity');
  });

  it('refuses a callback carrying the state of another sign-in', async () => {
    const { callback } = await callbackFor('12345678901');
    const { pending: other } = await client.start();
    expect((await failure(client.finish(callback, other))).reason).toBe('state');
  });

  it('refuses a callback with no state', async () => {
    const { callback, pending } = await callbackFor('12345678901');
    callback.searchParams.delete('state');
    expect((await failure(client.finish(callback, pending))).reason).toBe('state');
  });

  it('refuses a code used a second time: the provider rejects it', async () => {
    const { callback, pending } = await callbackFor('12345678901');
    await client.finish(callback, pending);
    const error = await failure(client.finish(callback, pending));
    expect(error.reason).toBe('provider');
    expect(error.cause).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a code sent with another code verifier: the provider rejects it', async () => {
    const { callback, pending } = await callbackFor('12345678901');
    const { pending: other } = await client.start();
    const forged = { ...pending, codeVerifier: other.codeVerifier };
    const error = await failure(client.finish(callback, forged));
    expect(error.reason).toBe('provider');
    expect(error.cause).toMatchObject({ error: 'invalid_grant' });
  });

  it('reports a sign-in the professional or the provider refused', async () => {
    const { callback, pending } = await callbackFor('refus');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect((await failure(client.finish(callback, pending))).reason).toBe('denied');
  });

  it('discovers through an explicit discovery URL, and client_secret_post works too', async () => {
    const post = await startPscProvider({
      ...CLIENT,
      redirectUri: REDIRECT_URI,
      tokenEndpointAuthMethod: 'client_secret_post',
    });
    try {
      const explicit = new PscClient({
        ...CLIENT,
        issuer: post.issuer,
        discoveryUrl: `${post.issuer}/.well-known/openid-configuration`,
        redirectUri: REDIRECT_URI,
        tokenEndpointAuthMethod: 'client_secret_post',
      });
      const { url, pending } = await explicit.start();
      const callback = await signInAtPsc(url, '10000000003', REDIRECT_URI);
      expect((await explicit.finish(callback, pending)).rpps).toBe('10000000003');
    } finally {
      await post.stop();
    }
  });

  it('reports an unreachable provider, then discovers once it answers', async () => {
    const first = await startPscProvider({ ...CLIENT, redirectUri: REDIRECT_URI });
    await first.stop();
    const later = new PscClient({ ...CLIENT, issuer: first.issuer, redirectUri: REDIRECT_URI });
    expect((await failure(later.start())).reason).toBe('provider');
    const again = await startPscProvider({
      ...CLIENT,
      redirectUri: REDIRECT_URI,
      port: Number(new URL(first.issuer).port),
    });
    try {
      expect(again.issuer).toBe(first.issuer);
      await expect(later.start()).resolves.toMatchObject({ url: expect.any(String) });
    } finally {
      await again.stop();
    }
  });

  it('refuses a discovery document naming another issuer', async () => {
    const wrongIssuer = new PscClient({
      ...CLIENT,
      issuer: `${provider.issuer}/other`,
      discoveryUrl: `${provider.issuer}/.well-known/wallet-openid-configuration`,
      redirectUri: REDIRECT_URI,
    });
    const error = await failure(wrongIssuer.start());
    expect(error.reason).toBe('provider');
    expect(String(error.cause)).toMatch(/names the issuer/);
  });

  it('refuses plain HTTP away from the loopback interface', () => {
    expect(
      () => new PscClient({ ...CLIENT, issuer: 'http://psc.example', redirectUri: REDIRECT_URI }),
    ).toThrow(/loopback/);
  });
});
