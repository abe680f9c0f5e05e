import { DataSource } from 'typeorm';
import { LockId } from './lock-ids';

/**
 * Applies pending migrations while holding a session advisory lock, so that several instances
 * starting together run them once: the others wait, then find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [LockId.Migrations]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [LockId.Migrations]);
    }
  } finally {
    await lock.release();
  }
}
