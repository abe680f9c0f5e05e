import type { EntityManager } from 'typeorm';

import type { LockId } from './lock-ids';
import { queryRows } from './sql';

/**
 * Runs `work` once across instances: in the caller's transaction, takes the transaction-scoped
 * advisory lock `id` if no one holds it, and answers what `work` answers; answers `undefined`
 * without running it when another transaction (another instance, or call) holds the lock. The
 * lock is released by the transaction's commit or rollback.
 */
export async function runExclusive<T>(
  manager: EntityManager,
  id: LockId,
  work: () => Promise<T>,
): Promise<T | undefined> {
  const [lock] = await queryRows<{ locked: boolean }>(
    manager,
    'SELECT pg_try_advisory_xact_lock($1) AS locked',
    [id],
  );
  return lock.locked ? work() : undefined;
}

/**
 * Waits, in the caller's tenant transaction, for the transaction-scoped advisory lock of the kind
 * of work `name` in the current CPTS: one at a time per CPTS, with a key per CPTS rather than a
 * `LockId`. Released by the transaction's commit or rollback.
 */
export async function lockForCurrentCpts(manager: EntityManager, name: string): Promise<void> {
  await manager.query(
    `SELECT pg_advisory_xact_lock(hashtextextended($1 || ':' || current_cpts_id(), 0))`,
    [name],
  );
}
