import Redis from 'ioredis';
import { Client } from 'pg';
import { POSTGRES_URL, REDIS_URL } from './services';

/** Fails the run at once, with the reason, when the machine's PostgreSQL or Redis is not there. */
export default async function globalSetup(): Promise<void> {
  const pg = new Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await pg.connect();
  } catch (error) {
    throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL}: ${(error as Error).message}`);
  } finally {
    await pg.end().catch(() => undefined);
  }
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Redis is not reachable at ${REDIS_URL}: ${(error as Error).message}`);
  } finally {
    redis.disconnect();
  }
}
