import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { redisVersion } from './bullmq-loop';
import type { Machine } from './report';
import { serverVersion } from './scratch-database';

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
