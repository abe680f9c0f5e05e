import { DataSource } from 'typeorm';

import { dataSourceOptions } from './data-source';
import { LockId } from './lock-ids';
import { SCHEMA_CHANGED_CHANNEL } from './prepared-statements';

/**
 * Applies pending migrations while holding a session advisory lock, so that several instances
 * starting together run them once: the others wait, then find nothing left to do. When some ran,
 * the running instances are told to prepare their statements afresh (SCHEMA_CHANGED_CHANNEL).
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [LockId.Migrations]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      if (applied.length > 0) await lock.query(`NOTIFY "${SCHEMA_CHANGED_CHANNEL}"`);
      return applied.map((migration) => migration.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [LockId.Migrations]);
    }
  } finally {
    await lock.release();
  }
}

/** Applies pending migrations to the database at `url` over a data source of its own, then closes it. */
export async function migrateDatabase(url: string, poolSize = 2): Promise<string[]> {
  const dataSource = await new DataSource(dataSourceOptions(url, poolSize)).initialize();
  return runMigrations(dataSource).finally(() => dataSource.destroy());
}
