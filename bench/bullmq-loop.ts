import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

const BATCH = 1000;

/**
 * The machine's reference for queued work: jobs added in bulk to a bare BullMQ queue and processed
 * by a worker doing nothing, at the concurrency our notification workers use. Jobs per second.
 */
export async function bareBullmqLoop(
  redisUrl: string,
  prefix: string,
  jobs: number,
  concurrency: number,
): Promise<number> {
  const connection = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue('bare', { connection, prefix });
  let completed = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((done) => (allDone = done));
  const worker = new Worker('bare', () => Promise.resolve(), { connection, prefix, concurrency });
  worker.on('completed', () => {
    completed += 1;
    if (completed === jobs) allDone();
  });
  try {
    await worker.waitUntilReady();
    const started = process.hrtime.bigint();
    for (let first = 0; first < jobs; first += BATCH) {
      const size = Math.min(BATCH, jobs - first);
      await queue.addBulk(
        Array.from({ length: size }, (_, index) => ({
          name: 'noop',
          data: { index: first + index },
          opts: { removeOnComplete: true },
        })),
      );
    }
    await finished;
    return jobs / (Number(process.hrtime.bigint() - started) / 1e9);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

/** Removes every key under a prefix the bench gave its queues. */
export async function deleteQueueKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
  } finally {
    redis.disconnect();
  }
}

export async function redisVersion(redisUrl: string): Promise<string> {
  const redis = new Redis(redisUrl);
  try {
    const info = await redis.info('server');
    return /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown';
  } finally {
    redis.disconnect();
  }
}
