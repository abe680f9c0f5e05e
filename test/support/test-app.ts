import { randomBytes } from 'node:crypto';

import { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { AccessTokensService } from '../../src/access/access-tokens.service';
import type { TokenRole } from '../../src/access/role';
import { createApp } from '../../src/bootstrap';
import { freePort } from '../../src/common/free-port';
import { loadConfig } from '../../src/config/app-config';
import { Cpts } from '../../src/cpts/cpts.entity';
import { CptsService } from '../../src/cpts/cpts.service';
import { Database } from '../../src/database/database';
import { prepareQueueBackend, queueBackend } from '../../src/queue/queue-backend';
import { createScratchDatabase, ScratchDatabase } from './scratch-database';
import { dropQueueKeys, REDIS_ENV } from './services';

export interface Tenant {
  cpts: Cpts;
  coordinator: string;
  platform: string;
}

export interface TestApp {
  app: INestApplication;
  database: ScratchDatabase;
  db: Database;
  queuePrefix: string;
  /** supertest bound to the app, with an optional bearer token. */
  http(token?: string): ReturnType<typeof request.agent>;
  tenant(slug?: string): Promise<Tenant>;
  token(cptsId: string, role: TokenRole, practitionerId?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real application on its own database and its own queue prefix in the run's Redis (without
 * one, its queues run on BullMQ's PostgreSQL backend in that database);
 * `env` overrides configuration variables as the process environment would. Passing another
 * app's database runs a second instance on it, as a deployment with two instances would.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  shared?: ScratchDatabase,
): Promise<TestApp> {
  const database = shared ?? (await createScratchDatabase());
  const queuePrefix = `test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    DATABASE_URL: database.url,
    ...REDIS_ENV,
    QUEUE_PREFIX: queuePrefix,
    LOG_LEVEL: 'silent',
    RUN_MIGRATIONS: 'false',
    ...env,
  });
  const backend = queueBackend(config.redisUrl, database.url);
  await prepareQueueBackend(backend);
  const app = await createApp({ config, databaseUrl: database.url, queueBackend: backend });
  await app.init();
  const server = app.getHttpServer() as Parameters<typeof request.agent>[0];
  const tokens = app.get(AccessTokensService);
  let tenants = 0;

  const token = async (cptsId: string, role: TokenRole, practitionerId?: string) =>
    (await tokens.issue(cptsId, { role, label: `test ${role}`, practitionerId })).token;

  return {
    app,
    database,
    db: app.get(Database),
    queuePrefix,
    http(bearer?: string) {
      const agent = request.agent(server);
      return bearer ? agent.auth(bearer, { type: 'bearer' }) : agent;
    },
    async tenant(slug = `cpts-${++tenants}`) {
      const cpts = await app.get(CptsService).create(slug, `CPTS ${slug}`);
      return {
        cpts,
        coordinator: await token(cpts.id, 'coordinator'),
        platform: await token(cpts.id, 'platform'),
      };
    },
    token,
    async close() {
      await app.close();
      if (!shared) await database.drop();
      await dropQueueKeys(queuePrefix);
    },
  };
}

/** Waits for a condition observable from outside, polling; never a fixed sleep. */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A test app listening on a free local port for a browser, its address as its PUBLIC_URL. */
export async function startListeningApp(
  env: Record<string, string> = {},
): Promise<{ t: TestApp; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '100000', ...env });
  await t.app.listen(port, '127.0.0.1');
  return { t, base };
}
