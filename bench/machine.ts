import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

import { LOCAL_DATABASE_URL } from '../src/database/data-source';
import { withClient } from '../src/database/scratch-database';
import { redisVersion } from './bullmq-loop';
import type { Machine } from './report';

/** The PostgreSQL server the bench runs on; its scratch databases are created and dropped there. */
export const SERVER_URL = process.env.DATABASE_URL ?? LOCAL_DATABASE_URL;

function serverVersion(): Promise<string> {
  return withClient(SERVER_URL, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0].server_version;
  });
}

export async function describeMachine(redisUrl: string): Promise<Machine> {
  const model = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
  return {
    cpus: cpus().length,
    cpuModel: model?.trim() ?? 'unknown',
    memoryGb: totalmem() / 1024 ** 3,
    loadAverageAtStart: loadavg(),
    node: process.versions.node,
    postgres: await serverVersion(),
    redis: await redisVersion(redisUrl),
  };
}
