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

export interface SessionCaller extends Caller {
  sessionId: string;
  personId: string;
  csrfToken: string;
}

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
    await manager.query(
      `INSERT INTO session (cpts_id, person_id, token_hash, csrf_token, scope, method, link_id,
                            idle_seconds, expires_at)
       SELECT cpts_id, id, $2, $3, $4, $5, $6, $7, $8 FROM person WHERE id = $1 AND active`,
      [
        start.personId,
        hashTokenSecret(secret),
        randomBytes(24).toString('base64url'),
        start.scope,
        start.method,
        start.link?.id ?? null,
        staff ? Math.round(this.config.sessionIdleMs / 1000) : null,
        expiresAt,
      ],
    );
    return { secret, expiresAt };
  }

  /**
   * The person behind a session cookie, if the session is live and the person active. Notes the
   * request for the idle timeout, at most every quarter of it (and once a minute) so that most
   * reads stay reads.
   */
  async authenticate(secret: string): Promise<SessionCaller | undefined> {
    const [caller] = await queryRows<SessionCaller>(
      this.db.manager,
      `WITH live AS (
         SELECT s.id, s.last_seen_at, s.idle_seconds FROM session s JOIN person p ON p.id = s.person_id
          WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > now() AND p.active
            AND (s.idle_seconds IS NULL
                 OR s.last_seen_at > now() - make_interval(secs => s.idle_seconds))
       ), seen AS (
         UPDATE session SET last_seen_at = now()
          WHERE id IN (SELECT id FROM live
                        WHERE last_seen_at < now() - make_interval(
                          secs => LEAST(60, COALESCE(idle_seconds, 240) / 4.0)))
       )
       SELECT s.id AS "sessionId", s.cpts_id AS "cptsId", s.scope, s.csrf_token AS "csrfToken",
              p.id AS "personId", p.role, p.practitioner_id AS "practitionerId", NULL AS "tokenId"
         FROM live JOIN session s ON s.id = live.id JOIN person p ON p.id = s.person_id`,
      [hashTokenSecret(secret)],
    );
    return caller;
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
    const [row] = await queryRows<DescribedRow>(
      this.db.manager,
      `SELECT c.slug, c.name, p.display_name AS "displayName", p.email,
              s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt"
         FROM cpts c
         LEFT JOIN session s ON s.id = $2
         LEFT JOIN person p ON p.id = s.person_id
        WHERE c.id = $1`,
      [caller.cptsId, caller.sessionId],
    );
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

interface DescribedRow {
  slug: string;
  name: string;
  displayName: string | null;
  email: string | null;
  csrfToken: string | null;
  expiresAt: Date | null;
}

export { SessionView };
