import type { EntityManager } from 'typeorm';

import { queryRows, type Statement } from '../database/sql';
import type { NotificationRequest } from './notification-request';

/**
 * One statement for any number of rows, given as one JSON array: PostgreSQL then estimates the
 * same row count whatever the values, and keeps the statement's generic plan (arrays, whose
 * length it reads in each call's values, made it plan every call afresh). A webhook row is kept
 * only when its platform token (the recipient) has a webhook URL and is not revoked; a row whose
 * dedupe key its CPTS already used is skipped without aborting the transaction.
 */
const INSERT_SQL = `
  INSERT INTO notification
         (cpts_id, channel, recipient, template, params, request_id, send_at, dedupe_key)
  SELECT coalesce($1::uuid, current_cpts_id()), r.channel, r.recipient, r.template,
         r.params, r.request_id, coalesce(r.send_at, now()), r.dedupe_key
    FROM ROWS FROM (jsonb_to_recordset($2::jsonb)
           AS (channel text, recipient text, template text, params jsonb, request_id uuid,
               send_at timestamptz, dedupe_key text)) WITH ORDINALITY
         AS r(channel, recipient, template, params, request_id, send_at, dedupe_key, n)
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
  const rows = requests.map((request) => ({
    channel: request.channel,
    recipient: request.recipient,
    template: request.template,
    params: request.params,
    request_id: request.requestId ?? null,
    send_at: request.sendAt?.toISOString() ?? null,
    dedupe_key: request.dedupeKey ?? null,
  }));
  return { sql: INSERT_SQL, parameters: [cptsId ?? null, JSON.stringify(rows)] };
}
