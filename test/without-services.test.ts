import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { Client } from 'pg';

import { freePort } from '../src/common/free-port';
import { embeddedDatabaseUrl } from '../src/database/embedded-postgres';

interface JestResults {
  numFailedTests: number;
  numPassedTests: number;
  numPendingTests: number;
  testResults: Array<{ assertionResults: Array<{ fullName: string; status: string }> }>;
}

const ROOT = resolve(__dirname, '..');
/** A queue test, and a file with one test about Redis itself: a bounded part of the suite. */
const FILES = ['test/foundation.test.ts', 'test/safety/patient-data-scan.test.ts'];

describe('npm test on a machine with Node alone', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'cpts-node-only-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('runs on an embedded PostgreSQL with queues on PostgreSQL, and names the Redis-only tests it skips', async () => {
    const nothing = await freePort();
    const resultsFile = join(workDir, 'results.json');
    // Neither DATABASE_URL, REDIS_URL nor CI, and nothing at the default addresses.
    const child = spawn(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--json', '--outputFile', resultsFile, ...FILES],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/root',
          TEST_POSTGRES_URL: `postgres://root@127.0.0.1:${nothing}/root`,
          TEST_REDIS_URL: `redis://127.0.0.1:${nothing}`,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];

    expect({ code, output }).toMatchObject({ code: 0 });
    const started = output.match(
      /^PostgreSQL: none at 127\.0\.0\.1:(\d+); started an embedded PostgreSQL 18\.\d+ on port (\d+) for this run \(data in (\S+), removed at the end\)$/m,
    );
    expect(started?.[1]).toBe(String(nothing));
    expect(output).toMatch(
      new RegExp(
        `^Redis: none at 127\\.0\\.0\\.1:${nothing}; queues run on BullMQ's PostgreSQL backend`,
        'm',
      ),
    );
    const reason = `(skipped: no Redis for this run, REDIS_URL unset and none at redis://127.0.0.1:${nothing})`;
    expect(output).toContain(
      `Skipped tests (1):\n  - test/safety/patient-data-scan.test.ts: patient data stays in PostgreSQL: logs, metrics and Redis scanned after a full flow finds none of the patients in any Redis key or value ${reason}\n`,
    );

    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as JestResults;
    expect(results).toMatchObject({ numFailedTests: 0, numPendingTests: 1 });
    const statuses = new Map(
      results.testResults.flatMap((file) =>
        file.assertionResults.map((test) => [test.fullName, test.status]),
      ),
    );
    const queued = [...statuses].filter(([name]) => name.includes('queue round-trip'));
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every(([, status]) => status === 'passed')).toBe(true);
    expect(
      statuses.get(
        'patient data stays in PostgreSQL: logs, metrics and Redis scanned after a full flow finds none of the patients in the logs or /metrics',
      ),
    ).toBe('passed');

    // The run's PostgreSQL is gone, its data with it.
    const [, , port, dataDir] = started ?? [];
    expect(existsSync(dataDir)).toBe(false);
    const late = new Client({ connectionString: embeddedDatabaseUrl(Number(port)) });
    await expect(late.connect()).rejects.toThrow(/ECONNREFUSED/);
  }, 240_000);
});
