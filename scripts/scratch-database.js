// Runs a command against a throwaway database on the server of DATABASE_URL (default: the local one).
const { Client } = require('pg');
const { spawnSync } = require('node:child_process');

const base = process.env.DATABASE_URL || 'postgres://root@127.0.0.1:5432/root';

async function withScratchDatabase(prefix, run) {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
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
