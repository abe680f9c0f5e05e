import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { freePort } from '../../src/common/free-port';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export interface RunPostgres {
  url: string;
  port: number;
  version: string;
  dataDir: string;
}

/** Global setup and teardown share Jest's parent process; Jest documents globals as their channel. */
const run = globalThis as { cptsRunPostgres?: { stop(): Promise<void> } };

/** The test run's own PostgreSQL, when the machine has none: the service's embedded one. */
export async function startRunPostgres(): Promise<RunPostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpts-test-postgres-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  const server = await startEmbeddedPostgres(dataDir, port, () => undefined).catch(
    (error: unknown) => {
      removeData();
      throw error;
    },
  );
  run.cptsRunPostgres = { stop: () => server.stop().finally(removeData) };
  return { url: server.url, port, version: await serverVersion(server.url), dataDir };
}

export async function stopRunPostgres(): Promise<void> {
  await run.cptsRunPostgres?.stop();
  delete run.cptsRunPostgres;
}

async function serverVersion(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`))
      .rows[0].v;
  } finally {
    await client.end();
  }
}
