import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';

import { freePort } from '../src/common/free-port';

const ROOT = resolve(__dirname, '..');

/**
 * The service as `npm start` runs it (package.json's `start` script, `node <flags> <script>`, the
 * one place its Node flags are written), built by `nest build` (`npm run bench` builds it first).
 */
export function startCommand(startScript = packageStartScript()): {
  nodeFlags: string[];
  script: string;
} {
  const words = startScript.trim().split(/\s+/);
  const script = words.at(-1) ?? '';
  if (words[0] !== 'node' || words.length < 2 || !script.endsWith('.js')) {
    throw new Error(`the start script is not "node [flags] <script>.js": ${startScript}`);
  }
  const nodeFlags = words.slice(1, -1);
  const notFlag = nodeFlags.find((word) => !word.startsWith('--'));
  if (notFlag) throw new Error(`the start script has "${notFlag}" where a flag was expected`);
  return { nodeFlags, script: resolve(ROOT, script) };
}

function packageStartScript(): string {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start;
}

/** Node arguments running one of the bench's scripts the way the bench itself runs (ts-node). */
export function benchScript(name: string): string[] {
  const extension = extname(__filename);
  const path = resolve(__dirname, `${name}${extension}`);
  return extension === '.ts' ? ['-r', 'ts-node/register/transpile-only', path] : [path];
}

/** The service's memory over one phase of the bench: its peak (VmHWM) and where it ended (VmRSS). */
export interface PhaseMemory {
  phase: string;
  peakRssMb: number;
  endRssMb: number;
  /** The peak includes the earlier phases': the kernel refused to reset VmHWM. */
  cumulative: boolean;
}

export interface ServiceProcess {
  url: string;
  pid: number;
  /** Peak resident set size since start (the highest VmHWM of all phases), in MB. */
  peakRssMb(): number;
  /**
   * Ends a phase: its peak RSS (VmHWM since the previous phase ended, or since start for the
   * first), then resets VmHWM to the current RSS (`/proc/<pid>/clear_refs`, Linux ≥ 4.0) so the
   * next phase's peak is its own. Where the reset is refused, later peaks are cumulative.
   */
  endPhase(phase: string): PhaseMemory;
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
  const { nodeFlags, script } = startCommand();
  if (!existsSync(script))
    throw new Error(`${script} is missing: build the service first (npm run build)`);
  const port = await freePort();
  const profile = process.env.BENCH_CPU_PROFILE_DIR;
  const nodeArgs = [...nodeFlags, ...(profile ? ['--cpu-prof', '--cpu-prof-dir', profile] : [])];
  const log = openSync(logPath, 'w');
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, script], {
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
  const pid = child.pid!;
  let earlierPeakMb = 0;
  let cumulative = false;
  return {
    url,
    pid,
    peakRssMb: () => Math.max(earlierPeakMb, statusKb(pid, 'VmHWM') / 1024),
    endPhase(phase) {
      const peakRssMb = statusKb(pid, 'VmHWM') / 1024;
      const endRssMb = statusKb(pid, 'VmRSS') / 1024;
      earlierPeakMb = Math.max(earlierPeakMb, peakRssMb);
      const memory = { phase, peakRssMb, endRssMb, cumulative };
      cumulative ||= !resetPeak(pid);
      return memory;
    },
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

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
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
