import type { EntityManager } from 'typeorm';

import { PARIS_TIME_ZONE_SQL, parisIsoSql } from '../common/paris-time';
import { queryRows } from '../database/sql';
import type { PublishedPractice, PublishedSlot } from './smart-resources';

/**
 * An event is stamped when its transaction inserts it, which may be a moment before it commits:
 * changes are looked up this much before `_since`, so that none falls between two polls.
 */
const COMMIT_MARGIN = '1 minute';

export interface PublishingCpts {
  id: string;
  slug: string;
  phone: string;
}

/** A consenting GP's practice as stored: its commune by code, named by the caller. */
export type PracticeRow = Omit<PublishedPractice, 'communeName' | 'postalCode' | 'department'> & {
  communeCode: string;
};

/** The CPTS of this slug, if it turned its publication on. */
export async function publishingCpts(
  manager: EntityManager,
  slug: string,
): Promise<PublishingCpts | undefined> {
  const [cpts] = await queryRows<PublishingCpts>(
    manager,
    `SELECT id, slug, phone FROM cpts WHERE slug = $1 AND smart_publication`,
    [slug],
  );
  return cpts;
}

/** Consenting GPs' practices; with `since`, those changed since. */
export function publishedPractices(
  manager: EntityManager,
  since: Date | null,
): Promise<PracticeRow[]> {
  return queryRows<PracticeRow>(
    manager,
    `SELECT id AS "practitionerId", last_name AS "lastName", address, commune_code AS "communeCode",
            latitude, longitude
       FROM practitioner
      WHERE sas_publication AND active AND ($1::timestamptz IS NULL OR updated_at > $1)
      ORDER BY id`,
    [since],
  );
}

/**
 * Consenting GPs' future slots, free or busy (booked or held), their times in Paris time. With
 * `since`, only the slots changed since, and those removed since as busy: no longer bookable.
 * Sets the transaction's time zone to Europe/Paris, in which the times are rendered.
 */
export async function publishedSlots(
  manager: EntityManager,
  since: Date | null,
): Promise<PublishedSlot[]> {
  await queryRows(manager, PARIS_TIME_ZONE_SQL);
  const changed = `SELECT DISTINCT (payload->>'slotId')::uuid FROM availability_event
                    WHERE type LIKE 'slot.%' AND created_at > $1::timestamptz - interval '${COMMIT_MARGIN}'`;
  return queryRows<PublishedSlot>(
    manager,
    `SELECT s.id, s.practitioner_id AS "practitionerId", ${parisIsoSql('s.starts_at')} AS "startsAt",
            ${parisIsoSql('s.ends_at')} AS "endsAt", s.status = 'free' AS free
       FROM slot s JOIN practitioner p ON p.id = s.practitioner_id
      WHERE p.sas_publication AND p.active AND s.starts_at > now()
        AND ($1::timestamptz IS NULL OR s.id IN (${changed}))
     UNION ALL
     SELECT DISTINCT ON (e.payload->>'slotId') (e.payload->>'slotId')::uuid,
            (e.payload->>'practitionerId')::uuid, e.payload->>'startsAt', e.payload->>'endsAt', false
       FROM availability_event e JOIN practitioner p ON p.id = (e.payload->>'practitionerId')::uuid
      WHERE $1::timestamptz IS NOT NULL AND e.type = 'slot.removed'
        AND e.created_at > $1::timestamptz - interval '${COMMIT_MARGIN}'
        AND p.sas_publication AND p.active
        AND NOT EXISTS (SELECT 1 FROM slot s WHERE s.id = (e.payload->>'slotId')::uuid)
     ORDER BY "startsAt", id`,
    [since],
  );
}
