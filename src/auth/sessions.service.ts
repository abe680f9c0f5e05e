import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import type { SessionScope } from '../access/session-scope';
import { hashTokenSecret, newTokenSecret } from '../access/token-secret';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { SessionView } from './dto/session.view';
import {
  describeSession,
  insertSession,
  liveSessionCaller,
  type SessionCaller,
} from './sessions.queries';

export type { SessionCaller };

export interface OpenedSession {
  secret: string;
  expiresAt: Date;
}

export interface SessionStart {
  personId: string;
  scope: SessionScope;
  method: 'psc' | 'email' | 'link';
  /** The single-purpose link that opened it, whose expiry it keeps. */
  link?: { id: string; expiresAt: Date };
}

/** Server-side sessions of people (table session); the cookie holds a random secret. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  /**
   * Staff sessions end after SESSION_IDLE without a request and at SESSION_MAX at the latest; a
   * session opened by a GP's message link lives as long as the link and reaches only its scope.
   */
  async open(manager: EntityManager, start: SessionStart): Promise<OpenedSession> {
    const secret = newTokenSecret();
    const staff = start.scope === 'full';
    const expiresAt = staff
      ? new Date(Date.now() + this.config.sessionMaxMs)
      : (start.link?.expiresAt ?? new Date(Date.now() + this.config.practitionerLinkTtlMs));
    await insertSession(manager, {
      personId: start.personId,
      tokenHash: hashTokenSecret(secret),
      csrfToken: randomBytes(24).toString('base64url'),
      scope: start.scope,
      method: start.method,
      linkId: start.link?.id ?? null,
      idleSeconds: staff ? Math.round(this.config.sessionIdleMs / 1000) : null,
      expiresAt,
    });
    return { secret, expiresAt };
  }

  /**
   * The person behind a session cookie, if the session is live and the person active. Notes the
   * request for the idle timeout, at most every quarter of it (and once a minute) so that most
   * reads stay reads.
   */
  authenticate(secret: string): Promise<SessionCaller | undefined> {
    return liveSessionCaller(this.db.manager, hashTokenSecret(secret));
  }

  async end(sessionId: string): Promise<void> {
    await queryRows(
      this.db.manager,
      `UPDATE session SET ended_at = now() WHERE id = $1 AND ended_at IS NULL`,
      [sessionId],
    );
  }

  /** Who is signed in, for the pages: their name, CPTS, and the CSRF token their writes carry. */
  async describe(caller: Caller): Promise<SessionView> {
    const row = await describeSession(this.db.manager, caller.cptsId, caller.sessionId);
    const signedIn = caller.personId !== null && row.displayName !== null;
    return {
      role: caller.role,
      scope: caller.scope,
      practitionerId: caller.practitionerId,
      cpts: { id: caller.cptsId, slug: row.slug, name: row.name },
      person: signedIn
        ? { id: caller.personId, displayName: row.displayName, email: row.email }
        : undefined,
      csrfToken: row.csrfToken ?? undefined,
      expiresAt: row.expiresAt ?? undefined,
    };
  }
}

export { SessionView };
