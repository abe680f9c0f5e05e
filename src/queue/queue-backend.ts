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

/** Connection options for producers: fail fast rather than buffer while the backend is away. */
export function producerConnection(backend: QueueBackend): ConnectionOptions {
  if (backend.kind === 'redis') {
    return {
      url: backend.url,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    };
  }
  return { connectionString: backend.url, max: 4 };
}

/** Connection options for workers: blocking commands wait for the backend to come back. */
export function workerConnection(backend: QueueBackend): ConnectionOptions {
  if (backend.kind === 'redis') {
    return { url: backend.url, maxRetriesPerRequest: null };
  }
  return { connectionString: backend.url, max: 4 };
}
