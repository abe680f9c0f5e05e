import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Notification } from './notification.entity';
import type { NotificationRequest } from './notification-request';

/**
 * Writes outbox rows in the given transaction; a request whose dedupe key its CPTS already used is
 * skipped without aborting the transaction. `cptsId` is for system transactions (sweeps, alerts);
 * in a tenant transaction the database fills it in.
 */
export async function insertNotifications(
  manager: EntityManager,
  requests: NotificationRequest[],
  cptsId?: string,
): Promise<Array<{ id: string }>> {
  if (requests.length === 0) return [];
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(Notification)
    .values(
      requests.map((request) => ({
        ...(cptsId ? { cptsId } : {}),
        channel: request.channel,
        recipient: request.recipient,
        template: request.template,
        params: request.params as QueryDeepPartialEntity<Record<string, unknown>>,
        requestId: request.requestId ?? null,
        sendAt: request.sendAt,
        dedupeKey: request.dedupeKey ?? null,
      })),
    )
    .orIgnore()
    .returning(['id'])
    .execute();
  return (result.raw as Array<{ id: string }>).map(({ id }) => ({ id }));
}
