import {
  ConnectionOptions,
  createPostgresBackend,
  runMigrations,
  setDefaultBackendFactory,
} from 'bullmq';
import { Pool } from 'pg';

export type QueueBackend = { kind: 'redis'; url: string } | { kind: 'postgres'; url: string };

export function queueBackend(redisUrl: string | undefined, databaseUrl: string): QueueBackend {
  return redisUrl ? { kind: 'redis', url: redisUrl } : { kind: 'postgres', url: databaseUrl };
}

/**
 * Points BullMQ at its backend before any queue exists. With PostgreSQL, BullMQ's own schema is
 * migrated here, once, so that a broken backend stops the start instead of looping in a worker.
 */
export async function prepareQueueBackend(backend: QueueBackend): Promise<void> {
  if (backend.kind === 'redis') {
    setDefaultBackendFactory();
    return;
  }
  setDefaultBackendFactory(createPostgresBackend);
  const pool = new Pool({ connectionString: backend.url, max: 1 });
  try {
    await runMigrations(pool);
  } finally {
    await pool.end();
  }
}

/**
 * Reconnection after the backend went away: at most a second apart, however long the outage
 * (BullMQ's default backs off to 20 s, which kept a backlog waiting long after Redis was back).
 */
export function redisRetryDelay(times: number): number {
  return Math.min(100 * times, 1000);
}

/** Connection options for producers: fail fast rather than buffer while the backend is away. */
export function producerConnection(backend: QueueBackend): ConnectionOptions {
  if (backend.kind === 'redis') {
    return {
      url: backend.url,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: redisRetryDelay,
    };
  }
  return { connectionString: backend.url, max: 4 };
}

/** Connection options for workers: blocking commands wait for the backend to come back. */
export function workerConnection(backend: QueueBackend): ConnectionOptions {
  if (backend.kind === 'redis') {
    return { url: backend.url, maxRetriesPerRequest: null, retryStrategy: redisRetryDelay };
  }
  return { connectionString: backend.url, max: 4 };
}
