import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Queue, RedisQueueBackend, type Worker } from 'bullmq';

/** How long a connection that never connected may take to say so. */
const PROBE_MS = 50;

async function statusWithin(client: Promise<{ status: string }>, ms: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('not connected'), ms);
  });
  try {
    return await Promise.race([
      client.then(
        ({ status }) => status,
        () => 'failed',
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether every Redis connection of a BullMQ queue's or worker's backend answers. A backend that
 * is not Redis (PostgreSQL, the zero-setup default) has none to wait on: yes.
 */
export async function redisConnectionsUp(backend: unknown): Promise<boolean> {
  if (!(backend instanceof RedisQueueBackend)) return true;
  const clients = [backend.client, backend.blockingClient].filter((client) => client !== undefined);
  const states = await Promise.all(clients.map((client) => statusWithin(client, PROBE_MS)));
  return states.every((status) => status === 'ready');
}

/**
 * Closes a worker, letting the jobs in hand finish when Redis answers. When a connection is down
 * or still reconnecting, BullMQ's graceful close waits for an end that never comes
 * (taskforcesh/bullmq#4656), so the worker closes at once: the locks of its jobs lapse and
 * another worker runs them again, their claims keeping each message sent once.
 */
export async function closeWorker(worker: Worker): Promise<void> {
  await worker.close(!(await redisConnectionsUp(worker.backend)));
}

/**
 * Before Nest closes the queues (gracefully: a QUIT, which fails at once on a producer connection
 * that is down, and stops the shutdown there), closes at once those whose Redis does not answer.
 */
@Injectable()
export class QueueShutdown implements BeforeApplicationShutdown {
  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(): Promise<void> {
    const queues = this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is Queue => instance instanceof Queue);
    await Promise.all(
      queues.map(async ({ backend }) => {
        if (backend instanceof RedisQueueBackend && !(await redisConnectionsUp(backend))) {
          await backend.close(true);
        }
      }),
    );
  }
}
