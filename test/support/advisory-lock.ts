import type { Database } from '../../src/database/database';
import type { LockId } from '../../src/database/lock-ids';

/**
 * Holds a transaction-scoped advisory lock in a transaction of its own, as another instance busy
 * with the same scheduled work would, until the returned function is called.
 */
export async function holdAdvisoryLock(db: Database, key: LockId): Promise<() => Promise<void>> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let taken!: () => void;
  const lockTaken = new Promise<void>((resolve) => (taken = resolve));
  const holder = db.system(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [key]);
    taken();
    await released;
  });
  await lockTaken;
  return async () => {
    release();
    await holder;
  };
}
