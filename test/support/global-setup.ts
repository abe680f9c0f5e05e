import Redis from 'ioredis';
import { Client } from 'pg';

import { startRunPostgres } from './run-postgres';
import {
  DEFAULT_POSTGRES_URL,
  DEFAULT_REDIS_URL,
  RUN_POSTGRES_URL,
  RUN_REDIS_URL,
} from './service-addresses';

/** CI runs every test against real servers: there a missing one fails the run, never a fallback. */
const SERVICES_REQUIRED = ['1', 'true'].includes(process.env.CI ?? '');

async function pingPostgres(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function pingRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 3000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let refused: Error | undefined;
  redis.on('error', (error: Error) => (refused = error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw refused ?? error;
  } finally {
    redis.disconnect();
  }
}

/**
 * A configured URL must answer. Unconfigured, the machine's default address is used when something
 * answers there; else there is none (which CI refuses).
 */
async function locate(
  name: string,
  configured: string | undefined,
  ping: (url: string) => Promise<void>,
  fallback: string,
): Promise<string | undefined> {
  const url = configured ?? fallback;
  try {
    await ping(url);
    return url;
  } catch (error) {
    if (configured || SERVICES_REQUIRED) {
      const why = configured ? '' : ' (CI runs every test against a real one)';
      throw new Error(`${name} is not reachable at ${url}: ${(error as Error).message}${why}`);
    }
    return undefined;
  }
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const address = (url: string) => new URL(url).host;

/**
 * Finds the run's PostgreSQL and Redis: the machine's, or with Node alone an embedded PostgreSQL
 * for the whole run and queues on BullMQ's PostgreSQL backend, the Redis-only tests skipped.
 */
export default async function globalSetup(): Promise<void> {
  const postgres = await locate(
    'PostgreSQL',
    process.env.DATABASE_URL,
    pingPostgres,
    DEFAULT_POSTGRES_URL,
  );
  const redis = await locate('Redis', process.env.REDIS_URL, pingRedis, DEFAULT_REDIS_URL);
  if (postgres) {
    process.env[RUN_POSTGRES_URL] = postgres;
  } else {
    const embedded = await startRunPostgres();
    process.env[RUN_POSTGRES_URL] = embedded.url;
    say(
      `PostgreSQL: none at ${address(DEFAULT_POSTGRES_URL)}; started an embedded PostgreSQL ` +
        `${embedded.version} on port ${embedded.port} for this run (data in ${embedded.dataDir}, removed at the end)`,
    );
  }
  process.env[RUN_REDIS_URL] = redis ?? '';
  if (!redis) {
    say(
      `Redis: none at ${address(DEFAULT_REDIS_URL)}; queues run on BullMQ's PostgreSQL backend ` +
        'and the Redis-only tests are skipped (listed at the end)',
    );
  }
}
