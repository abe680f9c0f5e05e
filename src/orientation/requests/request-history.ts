import { EntityManager } from 'typeorm';

import type { Actor } from '../../access/role';
import { queryRows, type Statement } from '../../database/sql';

export interface HistoryEntry {
  type: string;
  /** The person or machine token that acted; omitted when the service acted by itself. */
  actor?: Actor | null;
  fromStatus?: string | null;
  detail?: Record<string, unknown>;
}

/** Appends to a request's timeline, in the transaction of the change it records. */
export async function recordHistory(
  manager: EntityManager,
  requestId: string,
  entry: HistoryEntry,
): Promise<void> {
  const { sql, parameters } = historyStatement(requestId, entry);
  await queryRows(manager, sql, parameters);
}

/** The insert of `recordHistory`, to run with the change's other writes (`runTogether`). */
export function historyStatement(requestId: string, entry: HistoryEntry): Statement {
  return {
    sql: `INSERT INTO request_event (request_id, type, actor_token_id, actor_person_id, from_status, detail)
          VALUES ($1::uuid, $2::text, $3::uuid, $4::uuid, $5::text, $6::jsonb)`,
    parameters: historyValues(requestId, entry),
  };
}

/** The values of a request_event row, $1..$6 of its insert. */
function historyValues(requestId: string, entry: HistoryEntry): unknown[] {
  return [
    requestId,
    entry.type,
    entry.actor?.tokenId ?? null,
    entry.actor?.personId ?? null,
    entry.fromStatus ?? null,
    entry.detail ?? {},
  ];
}
