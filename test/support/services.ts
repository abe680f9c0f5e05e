import Redis from 'ioredis';

import { RUN_POSTGRES_URL, RUN_REDIS_URL } from './service-addresses';

function published(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new Error(`${name} is unset: test/support/global-setup.ts sets it`);
  return value;
}

/** The PostgreSQL of this run: the machine's, or an embedded one started for the run. */
export const POSTGRES_URL = published(RUN_POSTGRES_URL);
/** The Redis of this run; without one, queues run on BullMQ's PostgreSQL backend. */
export const REDIS_URL = published(RUN_REDIS_URL) || undefined;
/** The queue part of a service's environment: the run's Redis, or nothing (PostgreSQL backend). */
export const REDIS_ENV: Record<string, string> = REDIS_URL ? { REDIS_URL } : {};

/** Deletes a test's queue keys; without Redis the queue lived in the test's database. */
export async function dropQueueKeys(prefix: string): Promise<void> {
  if (!REDIS_URL) return;
  const redis = new Redis(REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
