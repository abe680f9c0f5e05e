import { randomBytes } from 'node:crypto';

import { Client } from 'pg';

import { migrateDatabase } from './migrate';

/** A database created for one run (a test file, a bench phase), dropped with `drop`. */
export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export interface ScratchDatabaseOptions {
  /** Any database URL of the server the scratch database is created on (its path is replaced). */
  serverUrl: string;
  /** Start of the database's name, followed by random hex: `test`, `bench`, `bench_pgbench`… */
  prefix: string;
  /** Migrated to the service's schema (default), or left empty (pgbench brings its own). */
  migrate?: boolean;
  /** Connections of the data source that runs the migrations. */
  poolSize?: number;
}

/** One connection to the database at `url`, for `work`, then closed. */
export async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A new database of its own on the server of `serverUrl`, so that test files and bench phases
 * run side by side; `drop` removes it even while connections remain.
 */
export async function createScratchDatabase(
  options: ScratchDatabaseOptions,
): Promise<ScratchDatabase> {
  const { serverUrl, prefix, migrate = true, poolSize = 2 } = options;
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database: ScratchDatabase = {
    name,
    url: url.toString(),
    drop: () =>
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
      ).then(() => undefined),
  };
  if (migrate) await migrateDatabase(database.url, poolSize);
  return database;
}
