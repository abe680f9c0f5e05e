import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';

import { loadConfig } from '../config/app-config';
import {
  EmbeddedDatabase,
  embeddedDatabaseUrl,
  startEmbeddedPostgres,
} from '../database/embedded-postgres';
import { migrateDatabase } from '../database/migrate';
import { CliModule } from './cli.module';
import { COMMANDS } from './commands';

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  npm run -s cli -- ${command.usage}`);
  return ['usage:', '  npm run -s cli -- migrations:run', ...lines].join('\n');
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The configured database; in demo mode the embedded one, started here unless the service runs it. */
async function openDatabase(): Promise<{ url: string; embedded?: EmbeddedDatabase }> {
  const config = loadConfig();
  if (config.databaseUrl) return { url: config.databaseUrl };
  const url = embeddedDatabaseUrl(config.embeddedPostgresPort);
  if (await reachable(url)) return { url };
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
  return { url: embedded.url, embedded };
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || name === '--help') fail(usage());
  const command = COMMANDS[name];
  if (!command && name !== 'migrations:run') fail(`unknown command ${name}\n${usage()}`);
  const { values, positionals } = parseArgs({
    args: rest,
    options: Object.fromEntries(
      (command?.options ?? []).map((option) => [option, { type: 'string' }]),
    ),
    strict: true,
    allowPositionals: true,
  });
  const argumentNames = command?.arguments ?? [];
  if (positionals.length > argumentNames.length)
    fail(`unexpected ${positionals.join(' ')}\n${usage()}`);
  const named = Object.fromEntries(argumentNames.map((arg, index) => [arg, positionals[index]]));
  const database = await openDatabase();
  try {
    const applied = await migrateDatabase(database.url);
    if (applied.length > 0) process.stderr.write(`migrations applied: ${applied.join(', ')}\n`);
    if (!command) return;
    const app = await NestFactory.createApplicationContext(
      CliModule.forRoot(loadConfig(), database.url),
      { logger: ['error', 'warn'] },
    );
    try {
      await command.run(app, { ...values, ...named }, (line) => process.stdout.write(`${line}\n`));
    } finally {
      await app.close();
    }
  } finally {
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
