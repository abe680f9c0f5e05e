import type { EntityManager } from 'typeorm';

import type { SessionScope } from '../access/session-scope';
import { queryRows, type Statement } from '../database/sql';
import type { SignInLink } from './sign-in-link.entity';

/** A new link's row: its token only as a hash. */
export interface NewSignInLink {
  id: string;
  cptsId: string;
  /** The person's id, or the practitioner whose person this transaction has already made. */
  person: { id: string } | { ofPractitioner: string };
  tokenHash: Buffer;
  purpose: SignInLink['purpose'];
  scope: SessionScope;
  next: string;
  reusable: boolean;
  expiresAt: Date;
}

/** A link found by its token, with whether its person is still active. */
export interface LinkRow {
  id: string;
  personId: string;
  purpose: SignInLink['purpose'];
  scope: SessionScope;
  next: string;
  reusable: boolean;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
  personActive: boolean;
}

/** The insert of a new link, to run on its own or with the change that sends it (`runTogether`). */
export function signInLinkInsert(link: NewSignInLink): Statement {
  const [rows, person] =
    'id' in link.person
      ? ['VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', link.person.id]
      : [
          `SELECT $1, $2, pe.id, $4, $5, $6, $7, $8, $9
             FROM person pe WHERE pe.practitioner_id = $3::uuid`,
          link.person.ofPractitioner,
        ];
  return {
    sql: `INSERT INTO sign_in_link (id, cpts_id, person_id, token_hash, purpose, scope, next,
                                    reusable, expires_at)
          ${rows}`,
    parameters: [
      link.id,
      link.cptsId,
      person,
      link.tokenHash,
      link.purpose,
      link.scope,
      link.next,
      link.reusable,
      link.expiresAt,
    ],
  };
}

/**
 * Notes a request for a link to the address of this hash, forgets those older than an hour, and
 * answers how many were asked for it in the last quarter of an hour (this one included).
 */
export async function noteSignInAttempt(
  manager: EntityManager,
  emailHash: Buffer,
): Promise<number> {
  const [{ recent }] = await queryRows<{ recent: number }>(
    manager,
    `WITH added AS (INSERT INTO sign_in_attempt (email_hash) VALUES ($1)),
          expired AS (DELETE FROM sign_in_attempt WHERE at < now() - interval '1 hour')
     SELECT count(*)::int AS recent FROM sign_in_attempt
      WHERE email_hash = $1 AND at > now() - interval '15 minutes'`,
    [emailHash],
  );
  return recent;
}

/** The link of this token hash, locked, with its person's state; undefined when there is none. */
export async function lockLinkByToken(
  manager: EntityManager,
  tokenHash: Buffer,
): Promise<LinkRow | undefined> {
  const [link] = await queryRows<LinkRow>(
    manager,
    `SELECT l.id, l.person_id AS "personId", l.purpose, l.scope, l.next, l.reusable,
            l.expires_at AS "expiresAt", l.used_at AS "usedAt", l.revoked_at AS "revokedAt",
            p.active AS "personActive"
       FROM sign_in_link l JOIN person p ON p.id = l.person_id
      WHERE l.token_hash = $1
      FOR UPDATE OF l`,
    [tokenHash],
  );
  return link;
}
