import { Injectable } from '@nestjs/common';
import type { CookieOptions } from 'express';

import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { PeopleService } from '../people/people.service';
import { homePage } from '../people/people.service';
import { parseSasBookingLink } from '../sas/sas-booking.service';
import type { Failure } from './auth-pages';
import { LinkSigner } from './link-signer.service';
import {
  type PendingPscSignIn,
  PscClient,
  type PscIdentity,
  PscSignInError,
} from './psc/psc-client';
import { type OpenedSession, SessionsService } from './sessions.service';

/** Time allowed between leaving for Pro Santé Connect and coming back. */
const PENDING_MS = 10 * 60_000;

interface Pending extends PendingPscSignIn {
  next: string | undefined;
  at: number;
}

/**
 * Signing in with Pro Santé Connect. What must survive the round trip (state, nonce, PKCE
 * verifier, the page to open) travels in a short-lived HttpOnly cookie signed with the link key:
 * any instance can finish what another started, and a forged or replayed state finds nothing.
 */
@Injectable()
export class PscSignIn {
  private readonly client: PscClient | undefined;
  readonly pendingCookie: { name: string; options: CookieOptions };

  constructor(
    config: AppConfig,
    private readonly db: Database,
    private readonly signer: LinkSigner,
    private readonly people: PeopleService,
    private readonly sessions: SessionsService,
  ) {
    this.client =
      config.psc &&
      new PscClient({
        issuer: config.psc.issuer,
        discoveryUrl: config.psc.discoveryUrl,
        clientId: config.psc.clientId,
        clientSecret: config.psc.clientSecret,
        redirectUri: `${config.publicUrl}/auth/psc/callback`,
      });
    const secure = config.secureCookies;
    this.pendingCookie = {
      name: secure ? '__Host-cpts_psc' : 'cpts_psc',
      options: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: PENDING_MS },
    };
  }

  get enabled(): boolean {
    return this.client !== undefined;
  }

  async start(next: string | undefined) {
    const { url, pending } = await this.configured().start();
    const value: Pending = { ...pending, next, at: Date.now() };
    return {
      url,
      cookie: { ...this.pendingCookie, value: await this.signer.sign(JSON.stringify(value)) },
    };
  }

  async finish(
    callbackUrl: URL,
    cookie: string | undefined,
  ): Promise<{ session: OpenedSession; next: string } | { failure: Failure }> {
    const pending = await this.pending(cookie);
    if (!pending) return { failure: 'state' };
    let identity: PscIdentity;
    try {
      identity = await this.configured().finish(callbackUrl, pending);
    } catch (error) {
      if (error instanceof PscSignInError) return { failure: error.reason };
      throw error;
    }
    const { rpps } = identity;
    const sasLink = parseSasBookingLink(pending.next);
    return this.db.system(async (manager) => {
      if (sasLink) {
        const regulator = await this.people.regulatorFor(manager, sasLink.practitionerId, identity);
        if (!regulator) return { failure: 'account' as const };
        const session = await this.sessions.open(manager, {
          personId: regulator.id,
          scope: 'full',
          method: 'psc',
        });
        return { session, next: pending.next as string };
      }
      const [person] = await this.people.accountsByRpps(manager, rpps);
      if (!person) return { failure: 'account' as const };
      const session = await this.sessions.open(manager, {
        personId: person.id,
        scope: 'full',
        method: 'psc',
      });
      return { session, next: pending.next ?? homePage(person) };
    });
  }

  private async pending(cookie: string | undefined): Promise<Pending | undefined> {
    const json = await this.signer.verify(cookie);
    if (!json) return undefined;
    const pending = JSON.parse(json) as Pending;
    return Date.now() - pending.at < PENDING_MS ? pending : undefined;
  }

  private configured(): PscClient {
    if (!this.client) throw new Error('Pro Santé Connect is not configured (PSC_ISSUER)');
    return this.client;
  }
}
