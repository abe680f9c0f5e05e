import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { freePort } from '../src/common/free-port';

/** The service as `npm start` runs it, built by `nest build` (`npm run bench` builds it first). */
const SERVICE_SCRIPT = resolve(__dirname, '..', 'dist', 'src', 'main.js');

/** Node arguments running one of the bench's scripts the way the bench itself runs (ts-node). */
export function benchScript(name: string): string[] {
  const extension = extname(__filename);
  const path = resolve(__dirname, `${name}${extension}`);
  return extension === '.ts' ? ['-r', 'ts-node/register/transpile-only', path] : [path];
}

export interface ServiceProcess {
  url: string;
  pid: number;
  /** Peak resident set size since start (VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/**
 * The service as its own process (`npm start`), on its own port, until `stop`; its stdout and
 * stderr (the JSON log) go to `logPath`, so that an error seen under load can be looked up.
 */
export async function startService(
  env: Record<string, string>,
  logPath: string,
): Promise<ServiceProcess> {
  if (!existsSync(SERVICE_SCRIPT))
    throw new Error(`${SERVICE_SCRIPT} is missing: build the service first (npm run build)`);
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const nodeArgs = profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [];
  const log = openSync(logPath, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, SERVICE_SCRIPT], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      NODE_ENV: 'production',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await ready(url))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      const output = readFileSync(logPath, 'utf8').slice(-2000);
      throw new Error(`the service did not become ready (log: ${logPath}):\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    url,
    pid: child.pid!,
    peakRssMb: () => statusKb(child.pid!, 'VmHWM') / 1024,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health/ready`)).ok;
  } catch {
    return false;
  }
}

function statusKb(pid: number, field: string): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? NaN);
}
