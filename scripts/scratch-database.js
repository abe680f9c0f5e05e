// Runs a command against a throwaway database on the server of DATABASE_URL (default: the local one).
const { spawnSync } = require('node:child_process');
// The service's own helper (src/database/scratch-database.ts), compiled on the fly.
require('ts-node').register({ transpileOnly: true });
const { createScratchDatabase } = require('../src/database/scratch-database');

const base = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/root';

/** `run(url)` against an empty database of its own (not migrated: typeorm's CLI does that). */
async function withScratchDatabase(prefix, run) {
  const database = await createScratchDatabase({ serverUrl: base, prefix, migrate: false });
  try {
    return await run(database.url);
  } finally {
    await database.drop();
  }
}

function typeorm(url, args) {
  const result = spawnSync(
    process.execPath,
    [
      require.resolve('typeorm/cli-ts-node-commonjs.js'),
      ...args,
      '-d',
      'src/database/data-source.ts',
    ],
    { stdio: 'inherit', env: { ...process.env, DATABASE_URL: url, TS_NODE_TRANSPILE_ONLY: '1' } },
  );
  return result.status ?? 1;
}

module.exports = { withScratchDatabase, typeorm };
