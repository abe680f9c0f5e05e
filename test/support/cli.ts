import { spawnSync } from 'node:child_process';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run cli -- …` as an operator would, against the given database. */
export function runCli(databaseUrl: string, args: string[]): CliRun {
  const run = spawnSync(
    process.execPath,
    [require.resolve('ts-node/dist/bin'), '--transpile-only', 'src/cli/main.ts', ...args],
    {
      cwd: `${__dirname}/../..`,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
