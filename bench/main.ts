import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { BENCH_USAGE, parseBenchOptions } from './bench-options';
import { runName, toMarkdown } from './report';
import { runBench } from './run-bench';

/**
 * `npm run bench [-- --quick]`: builds a national dataset in a scratch database of the machine's
 * PostgreSQL, measures the service beside the machine's own limits, and writes the results as
 * JSON and markdown under bench-results/. Exits non-zero only if the contention storm booked
 * anything but exactly its slots: a missed performance target is reported, not a failure.
 */
async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return;
  }
  const options = parseBenchOptions(process.argv.slice(2));
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const results = await runBench(options, redisUrl);
  const markdown = toMarkdown(results);
  const kind = options.quick ? 'quick' : 'full';
  for (const name of [runName(results.startedAt, options.quick), `latest-${kind}`]) {
    writeFileSync(join(options.outDir, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(options.outDir, `${name}.md`), markdown);
  }
  process.stdout.write(markdown);
  if (!results.storm.ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
