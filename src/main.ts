import 'reflect-metadata';

import { INestApplication } from '@nestjs/common';

import { createApp } from './bootstrap';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrateDatabase } from './database/migrate';
import { DemoSeeder } from './demo/demo-seeder';
import { prepareQueueBackend, queueBackend } from './queue/queue-backend';
import { FhirListener } from './sas/fhir-listener';

const SHUTDOWN_DEADLINE_MS = 10_000;

function say(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function migrate(databaseUrl: string): Promise<void> {
  const applied = await migrateDatabase(databaseUrl);
  if (applied.length > 0) say(`migrations applied: ${applied.join(', ')}`);
}

async function start(config: AppConfig): Promise<void> {
  const embedded: EmbeddedDatabase | undefined = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres(config.dataDir, config.embeddedPostgresPort, say);
  const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedDatabase).url;
  if (config.runMigrations) await migrate(databaseUrl);
  const backend = queueBackend(config.redisUrl, databaseUrl);
  await prepareQueueBackend(backend);

  const app = await createApp({ config, databaseUrl, queueBackend: backend });
  handleSignals(app, embedded);
  if (config.demo) await app.get(DemoSeeder).seedIfEmpty();
  if (config.runsApi) {
    await app.listen(config.port);
    say(`listening on http://localhost:${config.port} (role ${config.appRole})`);
    if (config.fhirTls) {
      const port = await app.get(FhirListener).start();
      say(`FHIR (SAS) listening with mutual TLS on https://localhost:${port}/fhir`);
    }
  } else {
    await app.init();
    say(`worker started (role ${config.appRole})`);
  }
}

/** SIGTERM: stop accepting, let in-flight requests and jobs finish, close pools; 10 s at most. */
function handleSignals(app: INestApplication, embedded: EmbeddedDatabase | undefined): void {
  const stop = async (signal: string): Promise<void> => {
    say(`${signal} received: shutting down`);
    setTimeout(() => {
      say('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // Nest ends long-lived streams and periodic tasks first (beforeApplicationShutdown hooks), then
    // closes the HTTP server, waiting for in-flight requests, and only then the pools
    // (onApplicationShutdown).
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void stop(signal));
  }
}

function main(): void {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    say(error.message);
    process.exit(1);
  }
  start(config).catch((error: unknown) => {
    say(`start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

main();
