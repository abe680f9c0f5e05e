import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';

import { embeddedDatabaseUrl } from '../../src/database/embedded-postgres';

/** A PostgreSQL of its own, in a helper process (Jest cannot load the ES module in-process). */
export async function startPostgresProcess(dataDir: string, port: number) {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      'test/support/embedded-postgres.main.ts',
      dataDir,
      String(port),
    ],
    {
      cwd: resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((done, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && done());
    child.once('exit', (code) => fail(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  return {
    url: embeddedDatabaseUrl(port),
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
