import type { EntityManager } from 'typeorm';

import { asEntity, queryRows } from '../database/sql';
import { Person } from './person.entity';

/**
 * A practitioner signs in as the person bound to their row, made the first time they need one
 * and kept in step with the row's address, RPPS and name. A person already in step is not
 * touched: bookings, which call this, then take no lock on it. Inactive practitioners are skipped.
 * `practitioners` picks them (`p.id = …`); the statement can be a `WITH` item of another.
 */
export function ensurePractitionerPeopleSql(practitioners: string): string {
  return `
  INSERT INTO person (cpts_id, email, display_name, role, rpps, practitioner_id)
  SELECT p.cpts_id, wanted.email, wanted.display_name, 'practitioner', p.rpps, p.id
    FROM practitioner p
   CROSS JOIN LATERAL (SELECT lower(btrim(p.email)) AS email,
                              'Dr ' || p.first_name || ' ' || p.last_name AS display_name) wanted
    LEFT JOIN person pe ON pe.practitioner_id = p.id
   WHERE ${practitioners} AND p.active
     AND (pe.id IS NULL
          OR (pe.email, pe.rpps, pe.display_name)
             IS DISTINCT FROM (wanted.email, p.rpps, wanted.display_name))
  ON CONFLICT (practitioner_id) WHERE practitioner_id IS NOT NULL
  DO UPDATE SET email = EXCLUDED.email, rpps = EXCLUDED.rpps, display_name = EXCLUDED.display_name`;
}

export async function ensurePractitionerPeople(
  manager: EntityManager,
  practitionerIds: string[],
): Promise<void> {
  await queryRows(manager, ensurePractitionerPeopleSql('p.id = ANY($1::uuid[])'), [
    practitionerIds,
  ]);
}

/**
 * The person of one practitioner, made or brought in step first (as `ensurePractitionerPeople`),
 * in one statement: the row written, or else the one already in step. Undefined when the
 * practitioner has none and is inactive. Its one id is a scalar, not a one-element array: with an
 * array, whose length PostgreSQL reads from each call's values, the prepared statement was planned
 * afresh on every booking (0.7 ms each, pg_stat_statements on the bench).
 */
export async function practitionerPerson(
  manager: EntityManager,
  practitionerId: string,
): Promise<Person | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(
    manager,
    `WITH ensured AS (${ensurePractitionerPeopleSql('p.id = $1::uuid')} RETURNING *)
     SELECT * FROM ensured
     UNION ALL
     SELECT * FROM person WHERE practitioner_id = $1::uuid AND NOT EXISTS (SELECT 1 FROM ensured)`,
    [practitionerId],
  );
  return row && asEntity(manager, Person, row);
}

/**
 * Adds the `regulator` person of this RPPS to the CPTS of the practitioner, if the practitioner is
 * active and publishes to the SAS and that CPTS has none yet (an inactive one included).
 */
export async function insertRegulator(
  manager: EntityManager,
  practitionerId: string,
  regulator: { email: string; displayName: string; rpps: string },
): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO person (cpts_id, email, display_name, role, rpps)
     SELECT p.cpts_id, $2, $3, 'regulator', $4 FROM practitioner p
      WHERE p.id = $1 AND p.active AND p.sas_publication
        AND NOT EXISTS (SELECT 1 FROM person pe WHERE pe.cpts_id = p.cpts_id
                           AND pe.role = 'regulator' AND pe.rpps = $4)
     ON CONFLICT DO NOTHING`,
    [practitionerId, regulator.email, regulator.displayName, regulator.rpps],
  );
}

/**
 * The active `regulator` person of this RPPS in the CPTS of the practitioner, if the practitioner
 * is active and publishes to the SAS.
 */
export async function activeRegulatorId(
  manager: EntityManager,
  practitionerId: string,
  rpps: string,
): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(
    manager,
    `SELECT pe.id FROM person pe JOIN practitioner p ON p.cpts_id = pe.cpts_id
      WHERE p.id = $1 AND p.active AND p.sas_publication AND pe.role = 'regulator'
        AND pe.rpps = $2 AND pe.active`,
    [practitionerId, rpps],
  );
  return row?.id;
}
