import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { createScratchDatabase, ScratchDatabase } from '../src/database/scratch-database';
import { SERVER_URL } from './machine';

const run = promisify(execFile);

export interface PgbenchResult {
  tps: number;
  latencyMs: number;
}

export interface Pgbench {
  /** TPC-B-like transactions for `seconds` from `clients` connections over 2 threads. */
  run(clients: number, seconds: number): Promise<PgbenchResult>;
  drop(): Promise<void>;
}

/** pgbench's own schema in a scratch database of its own on the same server. */
export async function preparePgbench(scale: number): Promise<Pgbench> {
  const database: ScratchDatabase = await createScratchDatabase({
    serverUrl: SERVER_URL,
    prefix: 'bench_pgbench',
    migrate: false,
  });
  try {
    await run('pgbench', ['-i', '-q', '-s', String(scale), database.url]);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    async run(clients, seconds) {
      const threads = Math.min(2, clients);
      const { stdout } = await run('pgbench', [
        '-n',
        ...['-c', String(clients), '-j', String(threads), '-T', String(seconds)],
        database.url,
      ]);
      return {
        tps: Number(/tps = ([\d.]+)/.exec(stdout)?.[1]),
        latencyMs: Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]),
      };
    },
    drop: () => database.drop(),
  };
}
