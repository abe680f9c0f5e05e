import type * as Oidc from 'openid-client' with { 'resolution-mode': 'import' };

import { isAcceptedAcr, nameClaim, PSC_ACR, rppsFromSubjectNameId } from './psc-claims';

// openid-client is ESM-only: Node ≥ 20.19 require()s it, Jest gets a CommonJS build (jest.config.js),
// and TypeScript's node16 module mode cannot import it statically from CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = require('openid-client') as typeof Oidc;

export interface PscClientOptions {
  issuer: string;
  /** Full URL of the discovery document; `<issuer>/.well-known/wallet-openid-configuration` by default. */
  discoveryUrl?: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

/** What must be kept server-side between `start()` and `finish()`; plain JSON. */
export interface PendingPscSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface PscIdentity {
  rpps: string;
  subjectNameId: string;
  acr: string;
  givenName?: string;
  familyName?: string;
}

export type PscSignInFailure = 'state' | 'acr' | 'identity' | 'provider' | 'denied';

export class PscSignInError extends Error {
  constructor(
    readonly reason: PscSignInFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PscSignInError';
  }
}

const SCOPE = 'openid scope_all';
const REQUEST_TIMEOUT_SECONDS = 10;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A Pro Santé Connect OpenID Connect client: authorization code with PKCE, eIDAS level 1 required. */
export class PscClient {
  private readonly discoveryUrl: URL;
  private readonly insecure: boolean;
  private configuration?: Promise<Oidc.Configuration>;

  constructor(private readonly options: PscClientOptions) {
    const issuer = new URL(options.issuer);
    this.discoveryUrl = new URL(
      options.discoveryUrl ??
        `${options.issuer.replace(/\/$/, '')}/.well-known/wallet-openid-configuration`,
    );
    // openid-client takes a URL holding "/.well-known/" as the document itself; any other URL as an
    // issuer, to which it would append the standard path PSC does not serve.
    if (!this.discoveryUrl.pathname.includes('/.well-known/')) {
      throw new Error('The PSC discovery URL must be the full URL of a /.well-known/ document');
    }
    this.insecure = issuer.protocol === 'http:';
    if (this.insecure && !LOOPBACK_HOSTS.has(issuer.hostname)) {
      throw new Error('A PSC issuer over plain HTTP is only allowed on the loopback interface');
    }
  }

  async start(): Promise<{ url: string; pending: PendingPscSignIn }> {
    const config = await this.config();
    const pending: PendingPscSignIn = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.options.redirectUri,
      scope: SCOPE,
      acr_values: PSC_ACR,
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, pending };
  }

  /** Only the query of `callbackUrl` is read: the redirect URI is the configured one. */
  async finish(callbackUrl: URL, pending: PendingPscSignIn): Promise<PscIdentity> {
    const params = callbackUrl.searchParams;
    if (params.get('state') !== pending.state) {
      throw new PscSignInError('state', 'The callback does not belong to this sign-in');
    }
    if (params.has('error')) {
      throw new PscSignInError('denied', `PSC answered ${params.get('error')}`);
    }
    const config = await this.config();
    const current = new URL(this.options.redirectUri);
    current.search = callbackUrl.search;
    const tokens = await oidc
      .authorizationCodeGrant(config, current, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      })
      .catch((error: unknown) => {
        throw grantFailure(error);
      });
    const idToken = tokens.claims();
    if (!idToken) throw new PscSignInError('provider', 'PSC sent no ID token');
    if (!isAcceptedAcr(idToken.acr)) {
      throw new PscSignInError(
        'acr',
        `PSC authentication level ${JSON.stringify(idToken.acr)} is not ${PSC_ACR}`,
      );
    }
    const userInfo = await oidc
      .fetchUserInfo(config, tokens.access_token, idToken.sub)
      .catch((error: unknown) => {
        throw new PscSignInError('provider', 'PSC user info could not be read', { cause: error });
      });
    const rpps = rppsFromSubjectNameId(userInfo.SubjectNameID);
    if (rpps === undefined) {
      throw new PscSignInError('identity', 'PSC user info has no RPPS-based SubjectNameID');
    }
    return {
      rpps,
      subjectNameId: `8${rpps}`,
      acr: PSC_ACR,
      givenName: nameClaim(userInfo.given_name),
      familyName: nameClaim(userInfo.family_name),
    };
  }

  /** Discovers once; a failed discovery is forgotten so that the next sign-in tries again. */
  private config(): Promise<Oidc.Configuration> {
    this.configuration ??= this.discover().catch((error: unknown) => {
      this.configuration = undefined;
      throw new PscSignInError('provider', 'PSC discovery failed', { cause: error });
    });
    return this.configuration;
  }

  private async discover(): Promise<Oidc.Configuration> {
    const { clientId, clientSecret, tokenEndpointAuthMethod } = this.options;
    const auth =
      tokenEndpointAuthMethod === 'client_secret_post'
        ? oidc.ClientSecretPost(clientSecret)
        : oidc.ClientSecretBasic(clientSecret);
    const config = await oidc.discovery(this.discoveryUrl, clientId, undefined, auth, {
      execute: this.insecure ? [oidc.allowInsecureRequests] : [],
      // Someone is waiting on each of these requests; openid-client would wait 30 s.
      timeout: REQUEST_TIMEOUT_SECONDS,
    });
    // Given a /.well-known/ URL, openid-client does not compare the document's issuer with ours.
    const issuer = config.serverMetadata().issuer;
    if (issuer !== this.options.issuer) {
      throw new Error(`PSC discovery names the issuer ${issuer}, not ${this.options.issuer}`);
    }
    return config;
  }
}

function grantFailure(error: unknown): PscSignInError {
  if (error instanceof oidc.AuthorizationResponseError) {
    return new PscSignInError('denied', 'PSC refused the sign-in', { cause: error });
  }
  return new PscSignInError('provider', 'PSC code exchange failed', { cause: error });
}
