import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import type { LoadResult, LoadSpec } from './load-spec';
import { benchScript } from './service-process';

const run = promisify(execFile);

/** Sends the load from a separate process (autocannon) and returns what it measured. */
export async function httpLoad(spec: LoadSpec): Promise<LoadResult> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const file = join(directory, 'spec.json');
  try {
    writeFileSync(file, JSON.stringify(spec));
    const { stdout } = await run(process.execPath, [...benchScript('load-client'), file], {
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout) as LoadResult;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
