import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, LOCAL_DATABASE_URL } from '../database/data-source';
import { runMigrations } from '../database/migrate';

/** The PostgreSQL server the bench runs on; its databases are created and dropped here. */
export const SERVER_URL = process.env.DATABASE_URL ?? LOCAL_DATABASE_URL;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function onServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server; migrated to the service's schema when `migrate` is set. */
export async function createScratchDatabase(
  prefix: string,
  migrate: boolean,
): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database: ScratchDatabase = {
    name,
    url: url.toString(),
    drop: () =>
      onServer((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
  if (migrate) {
    const dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    await runMigrations(dataSource).finally(() => dataSource.destroy());
  }
  return database;
}

export function serverVersion(): Promise<string> {
  return onServer(async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
}
