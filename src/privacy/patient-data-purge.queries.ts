import type { EntityManager } from 'typeorm';

import { queryRows } from '../database/sql';
import { CODED_REASON_TYPES, FREE_TEXT_KEYS, PURGEABLE, PURGED } from './pseudonymisation';

/**
 * The next `limit` requests closed before `cutoff` whose patient data is still there, oldest
 * first, locked; those another transaction holds are skipped.
 */
export async function lockPurgeBatch(
  manager: EntityManager,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const due = await queryRows<{ id: string }>(
    manager,
    `SELECT id FROM orientation_request
      WHERE closed_at < $1 AND body_hash <> $2 AND ${PURGEABLE}
      ORDER BY closed_at LIMIT $3 FOR UPDATE SKIP LOCKED`,
    [cutoff, PURGED, limit],
  );
  return due.map((row) => row.id);
}

/**
 * Pseudonymises these requests: their identity fields, the free text written about them, and the
 * recipients and parameters of their notifications.
 */
export async function pseudonymiseRequests(manager: EntityManager, ids: string[]): Promise<void> {
  await queryRows(
    manager,
    `UPDATE orientation_request
        SET patient_first_name = '', patient_last_name = '', patient_phone = '',
            patient_email = NULL, reason = '', body_hash = $2,
            patient_birth_date = make_date(extract(year FROM patient_birth_date)::int, 1, 1)
      WHERE id = ANY($1)`,
    [ids, PURGED],
  );
  await queryRows(
    manager,
    `UPDATE notification SET recipient = '', params = '{}', last_error = NULL
      WHERE request_id = ANY($1)`,
    [ids],
  );
  await queryRows(
    manager,
    `UPDATE request_event
        SET detail = CASE WHEN type = ANY($3) THEN detail - 'note' ELSE detail - $2::text[] END
      WHERE request_id = ANY($1) AND detail ?| $2::text[]`,
    [ids, FREE_TEXT_KEYS, CODED_REASON_TYPES],
  );
  await queryRows(
    manager,
    `UPDATE callback_task SET note = '' WHERE request_id = ANY($1) AND note <> ''`,
    [ids],
  );
  await queryRows(
    manager,
    `UPDATE offer SET decline_reason = NULL WHERE request_id = ANY($1) AND decline_reason IS NOT NULL`,
    [ids],
  );
}
