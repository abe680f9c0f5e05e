import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import type { SessionScope } from '../access/session-scope';
import { queryRows } from '../database/sql';

/** The caller of a live session: who, in which CPTS, and the CSRF token their writes carry. */
export interface SessionCaller extends Caller {
  sessionId: string;
  personId: string;
  csrfToken: string;
}

/** A new session's row, its secret only as a hash; its CPTS is its person's. */
export interface NewSession {
  personId: string;
  tokenHash: Buffer;
  csrfToken: string;
  scope: SessionScope;
  method: 'psc' | 'email' | 'link';
  linkId: string | null;
  /** Null for a session without an idle timeout. */
  idleSeconds: number | null;
  expiresAt: Date;
}

/** What the pages show of a session and its CPTS; the session's part is null without one. */
export interface DescribedSession {
  slug: string;
  name: string;
  displayName: string | null;
  email: string | null;
  csrfToken: string | null;
  expiresAt: Date | null;
}

/** Opens a session for the person, in their CPTS; nothing when the person is not active. */
export async function insertSession(manager: EntityManager, session: NewSession): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO session (cpts_id, person_id, token_hash, csrf_token, scope, method, link_id,
                          idle_seconds, expires_at)
     SELECT cpts_id, id, $2, $3, $4, $5, $6, $7, $8 FROM person WHERE id = $1 AND active`,
    [
      session.personId,
      session.tokenHash,
      session.csrfToken,
      session.scope,
      session.method,
      session.linkId,
      session.idleSeconds,
      session.expiresAt,
    ],
  );
}

/**
 * The caller of the live session of this token hash, whose person is active; notes the request
 * for the idle timeout, at most every quarter of it (and once a minute), in the same statement.
 */
export async function liveSessionCaller(
  manager: EntityManager,
  tokenHash: Buffer,
): Promise<SessionCaller | undefined> {
  const [caller] = await queryRows<SessionCaller>(
    manager,
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
    [tokenHash],
  );
  return caller;
}

/** The CPTS, and the session (null for none) with its person. */
export async function describeSession(
  manager: EntityManager,
  cptsId: string,
  sessionId: string | null,
): Promise<DescribedSession> {
  const [row] = await queryRows<DescribedSession>(
    manager,
    `SELECT c.slug, c.name, p.display_name AS "displayName", p.email,
            s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt"
       FROM cpts c
       LEFT JOIN session s ON s.id = $2
       LEFT JOIN person p ON p.id = s.person_id
      WHERE c.id = $1`,
    [cptsId, sessionId],
  );
  return row;
}
