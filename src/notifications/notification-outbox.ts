import type { EntityManager } from 'typeorm';

import { queryRows, type Statement } from '../database/sql';
import type { NotificationRequest } from './notification-request';

/**
 * One statement for any number of rows. A webhook row is kept only when its platform token (the
 * recipient) has a webhook URL and is not revoked; a row whose dedupe key its CPTS already used is
 * skipped without aborting the transaction.
 */
const INSERT_SQL = `
  INSERT INTO notification
         (cpts_id, channel, recipient, template, params, request_id, send_at, dedupe_key)
  SELECT coalesce($1::uuid, current_cpts_id()), r.channel, r.recipient, r.template,
         r.params::jsonb, r.request_id, coalesce(r.send_at, now()), r.dedupe_key
    FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::timestamptz[],
                $8::text[])
         WITH ORDINALITY AS r(channel, recipient, template, params, request_id, send_at, dedupe_key, n)
   WHERE r.channel <> 'webhook'
      OR EXISTS (SELECT 1 FROM access_token t
                  WHERE t.id = CASE WHEN r.channel = 'webhook' THEN r.recipient::uuid END
                    AND t.webhook_url IS NOT NULL AND t.revoked_at IS NULL)
   ORDER BY r.n
  ON CONFLICT DO NOTHING
  RETURNING id`;

/**
 * Writes outbox rows in the given transaction. `cptsId` is for system transactions (sweeps,
 * alerts); in a tenant transaction the database fills it in.
 */
export async function insertNotifications(
  manager: EntityManager,
  requests: NotificationRequest[],
  cptsId?: string,
): Promise<Array<{ id: string }>> {
  const statement = notificationsStatement(requests, cptsId);
  return statement ? queryRows<{ id: string }>(manager, statement.sql, statement.parameters) : [];
}

/** The insert of `insertNotifications`, to run with other writes (`runTogether`). */
export function notificationsStatement(
  requests: NotificationRequest[],
  cptsId?: string,
): Statement | undefined {
  if (requests.length === 0) return undefined;
  const column = <T>(pick: (request: NotificationRequest) => T) => requests.map(pick);
  return {
    sql: INSERT_SQL,
    parameters: [
      cptsId ?? null,
      column((r) => r.channel),
      column((r) => r.recipient),
      column((r) => r.template),
      column((r) => JSON.stringify(r.params)),
      column((r) => r.requestId ?? null),
      column((r) => r.sendAt ?? null),
      column((r) => r.dedupeKey ?? null),
    ],
  };
}
