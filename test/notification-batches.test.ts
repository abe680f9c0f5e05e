import { randomUUID } from 'node:crypto';

import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { In } from 'typeorm';

import { LockId } from '../src/database/lock-ids';
import { PgListener } from '../src/database/pg-listener';
import { Notification } from '../src/notifications/notification.entity';
import {
  CHANNEL_QUEUES,
  isBatchJobId,
  jobNotificationIds,
  sendJobId,
  type SendNotificationJob,
} from '../src/notifications/notification-queue';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxRelayService } from '../src/notifications/outbox-relay.service';
import { FakeBrevo } from './support/notification-fakes';
import { bookedSms } from './support/notification-requests';
import { createScratchDatabase, type ScratchDatabase } from './support/scratch-database';
import { dropQueueKeys } from './support/services';
import { eventually, startTestApp, type Tenant, type TestApp } from './support/test-app';

/** 200 SMS a second: jobs of 2 messages, at most 100 jobs a second (`deliveryPace`). */
const SMS_PER_SECOND = 200;
const BATCH_SIZE = 2;

/** The rows of the jobs waiting in a queue (paused, or not yet fetched), one entry per job's row. */
async function waitingRowIds(queue: Queue<SendNotificationJob>): Promise<string[]> {
  const jobs = await queue.getJobs(['waiting', 'prioritized']);
  return jobs.flatMap((job) => jobNotificationIds(job.data));
}

/** `count` booking SMS filed in one transaction of the CPTS, through the instance `app`. */
function fileSms(app: TestApp, cptsId: string, count: number) {
  return app.db.tenant(cptsId, (manager) =>
    app.app.get(NotificationsService).request(
      manager,
      Array.from({ length: count }, (_, n) => bookedSms(n)),
    ),
  );
}

describe('notifications on a fast channel: several to a job', () => {
  const brevo = new FakeBrevo();
  let t: TestApp;
  let a: Tenant;
  let queue: Queue<SendNotificationJob>;

  beforeAll(async () => {
    await brevo.start();
    t = await startTestApp({
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMS_PER_SECOND: String(SMS_PER_SECOND),
      NOTIFICATION_BACKOFF: '100ms',
      NOTIFICATION_ATTEMPTS: '4',
    });
    a = await t.tenant();
    queue = t.app.get<Queue<SendNotificationJob>>(getQueueToken(CHANNEL_QUEUES.sms));
  });

  afterAll(async () => {
    await queue.resume();
    await t.close();
    await brevo.stop();
  });

  beforeEach(() => {
    brevo.script = () => ({ status: 201 });
  });

  const file = (count: number) => fileSms(t, a.cpts.id, count);

  const rowsOf = (ids: string[]) =>
    t.db.system((manager) => manager.findBy(Notification, { id: In(ids) }));

  /** The rows once none is pending (polled with a count, light beside the workers it waits for). */
  const allSettled = async (ids: string[], timeoutMs = 30_000) => {
    await eventually(
      async () => {
        const [{ pending }] = await t.db.system((manager) =>
          manager.query<Array<{ pending: number }>>(
            `SELECT count(*)::int AS pending FROM notification
              WHERE id = ANY($1::uuid[]) AND status = 'pending'`,
            [ids],
          ),
        );
        return pending === 0;
      },
      { timeoutMs },
    );
    return rowsOf(ids);
  };

  /** Jobs the relay added for rows committed while the queue was paused. */
  const waitingJobs = (count: number) =>
    eventually(async () => (await waitingRowIds(queue)).length >= count);

  it('sends a burst in jobs of several messages, each message exactly once', async () => {
    const filed = await file(40);
    const ids = filed.map((row) => row.id);
    const rows = await allSettled(ids);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
    for (const id of ids) expect(brevo.sendsOf(id)).toHaveLength(1);
    // Each row names the job that claimed it: batch jobs, none holding more than a batch.
    const holders = new Map<string, number>();
    for (const row of rows) holders.set(row.claimedBy!, (holders.get(row.claimedBy!) ?? 0) + 1);
    expect([...holders.keys()].every(isBatchJobId)).toBe(true);
    expect(Math.max(...holders.values())).toBeLessThanOrEqual(BATCH_SIZE);
    expect(holders.size).toBeGreaterThanOrEqual(40 / BATCH_SIZE);
    // No row had a job of its own.
    for (const id of ids) expect(await queue.getJobState(sendJobId(id))).toBe('unknown');
  });

  it('keeps the channel to its limit in messages, not in jobs', async () => {
    const count = 3 * SMS_PER_SECOND;
    const filed = await file(count);
    const started = Date.now();
    await allSettled(
      filed.map((row) => row.id),
      60_000,
    );
    const sends = filed.map((row) => brevo.sendsOf(row.id)[0].at).sort((x, y) => x - y);
    // 600 messages at 200 a second take at least two full limiter windows; at 200 jobs a second
    // (the limit counted in jobs of 2 messages) they would take one.
    expect(sends[sends.length - 1] - sends[0]).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it('never sends a row twice when it is in a batch and in its own job at once', async () => {
    // Brevo takes the first send of each message and never answers, as a slow provider would.
    brevo.script = (_tag, nth) => (nth === 1 ? 'hold' : { status: 201 });
    await queue.pause();
    const filed = await file(6);
    const ids = filed.map((row) => row.id);
    await waitingJobs(ids.length);
    await queue.resume();
    await eventually(() => Promise.resolve(ids.every((id) => brevo.sendsOf(id).length === 1)));

    // Every row is held by its batch, whose sends are in flight: healing leaves them alone…
    await t.app.get(OutboxRelayService).heal();
    for (const id of ids) expect(await queue.getJobState(sendJobId(id))).toBe('unknown');
    // …and a row's own job, enqueued anyway (as an instance that had not seen the claim would),
    // claims nothing while the batch holds the attempt.
    await queue.addBulk(
      ids.map((id) => ({
        name: 'send',
        data: { notificationId: id },
        opts: { jobId: sendJobId(id) },
      })),
    );
    const ownJobs = await eventually(async () => {
      const jobs = await Promise.all(ids.map((id) => queue.getJob(sendJobId(id))));
      return jobs.every((job) => job?.finishedOn) ? jobs : undefined;
    });
    expect(ownJobs.map((job) => job?.returnvalue as unknown)).toEqual(ids.map(() => 'skipped'));
    for (const id of ids) expect(brevo.sendsOf(id)).toHaveLength(1);

    // The provider drops the held calls: each row's outcome is unknown, its own job asks Brevo,
    // finds the message accepted, and records it without sending again.
    brevo.releaseHeld();
    const rows = await allSettled(ids);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    for (const id of ids) expect(brevo.sendsOf(id)).toHaveLength(1);
    for (const row of rows) expect(row.providerMessageId).toBe(String(brevo.accepted.get(row.id)));
  });

  it('retries a message that failed in a batch in a job of its own, after the backoff', async () => {
    brevo.script = (_tag, nth) => (nth === 1 ? { status: 500 } : { status: 201 });
    const filed = await file(4);
    const rows = await allSettled(filed.map((row) => row.id));
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: 2, claimedBy: sendJobId(row.id) });
      const [first, second] = brevo.sendsOf(row.id);
      expect(second.at - first.at).toBeGreaterThanOrEqual(70);
    }
  });

  it('takes a message whose send could not be recorded up in its own job, without sending it again', async () => {
    // PostgreSQL refuses to record the sends of the first attempts, the batch's.
    await t.db.system(async (manager) => {
      await manager.query(`
        CREATE FUNCTION refuse_sent() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'recording refused by the test'; END $$`);
      await manager.query(`
        CREATE TRIGGER refuse_sent BEFORE UPDATE ON notification FOR EACH ROW
        WHEN (NEW.status = 'sent' AND OLD.attempts = 1) EXECUTE FUNCTION refuse_sent()`);
    });
    const asked = brevo.eventQueries;
    const filed = await file(4);
    const ids = filed.map((row) => row.id);
    // Dropped whatever happens, so that a failure here leaves the next tests a working outbox.
    const rows = await allSettled(ids).finally(() =>
      t.db.system((manager) =>
        manager.query('DROP TRIGGER refuse_sent ON notification; DROP FUNCTION refuse_sent()'),
      ),
    );
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'sent', attempts: 2, claimedBy: sendJobId(row.id) });
      expect(row.providerMessageId).toBe(String(brevo.accepted.get(row.id)));
      expect(brevo.sendsOf(row.id)).toHaveLength(1);
    }
    expect(brevo.eventQueries - asked).toBeGreaterThanOrEqual(ids.length);
  });

  it('fails a message refused for good at once, without a job of its own', async () => {
    brevo.script = () => ({ status: 400 });
    const [row] = await file(1);
    const [done] = await allSettled([row.id]);
    expect(done).toMatchObject({ status: 'failed', attempts: 1 });
    expect(brevo.sendsOf(row.id)).toHaveLength(1);
    expect(await queue.getJobState(sendJobId(row.id))).toBe('unknown');
  });

  it('hands a row held by a batch job that is gone to its own job, which asks Brevo first', async () => {
    brevo.script = () => ({ status: 201 });
    await queue.pause();
    const [row] = await file(1);
    await waitingJobs(1);
    // A batch job claimed the row, called Brevo, and was lost with Redis's data.
    const lost = `batch-${randomUUID()}`;
    await t.db.system((manager) =>
      manager.query(
        `UPDATE notification SET attempts = 1, attempt_started_at = now(), claimed_by = $2
          WHERE id = $1`,
        [row.id, lost],
      ),
    );
    await queue.obliterate({ force: true });
    await queue.resume();
    const asked = brevo.eventQueries;
    await t.app.get(OutboxRelayService).heal();
    const [done] = await allSettled([row.id]);
    expect(done).toMatchObject({ status: 'sent', attempts: 2, claimedBy: sendJobId(row.id) });
    expect(brevo.sendsOf(row.id)).toHaveLength(1);
    expect(brevo.eventQueries).toBeGreaterThan(asked);
  });
});

describe('notifications on a fast channel, with two instances', () => {
  const brevo = new FakeBrevo();
  const queuePrefix = `test-${randomUUID().slice(0, 8)}`;
  let database: ScratchDatabase;
  let first: TestApp;
  let second: TestApp;
  let a: Tenant;
  let queue: Queue<SendNotificationJob>;
  const running = new Set<TestApp>();

  beforeAll(async () => {
    await brevo.start();
    database = await createScratchDatabase();
    const env = {
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMS_PER_SECOND: String(SMS_PER_SECOND),
      QUEUE_PREFIX: queuePrefix,
    };
    first = await startTestApp(env, database);
    second = await startTestApp(env, database);
    running.add(first).add(second);
    a = await first.tenant();
    queue = first.app.get<Queue<SendNotificationJob>>(getQueueToken(CHANNEL_QUEUES.sms));
  });

  afterAll(async () => {
    await Promise.all([...running].map((instance) => instance.close()));
    await database.drop();
    await dropQueueKeys(queuePrefix);
    await brevo.stop();
  });

  const file = (count: number, instance = first) => fileSms(instance, a.cpts.id, count);

  const sentOnce = async (ids: string[], instance = first) => {
    const rows = await eventually(async () => {
      const found = await instance.db.system((manager) =>
        manager.findBy(Notification, { id: In(ids) }),
      );
      return found.every((row) => row.status === 'sent') ? found : undefined;
    });
    for (const id of ids) expect(brevo.sendsOf(id)).toHaveLength(1);
    return rows;
  };

  const leaders = () =>
    Promise.all(
      [first, second].map((instance) =>
        instance.app.get(PgListener).holds(LockId.OutboxBatchRelay),
      ),
    );

  it('puts each row in one batch job, whichever instance is told of it', async () => {
    await queue.pause();
    const ids = (await file(40)).map((row) => row.id);
    await eventually(async () => (await waitingRowIds(queue)).length >= ids.length);
    // Both instances were told of every row; give the slower one time to add its own jobs.
    await new Promise((done) => setTimeout(done, 500));
    expect((await waitingRowIds(queue)).sort()).toEqual([...ids].sort());
    await queue.resume();
    const rows = await sentOnce(ids);
    expect(rows.every((row) => isBatchJobId(row.claimedBy!))).toBe(true);
    expect((await leaders()).filter(Boolean)).toHaveLength(1);
  });

  it('goes on batching in the other instance when the one that did stops', async () => {
    const [firstLeads] = await leaders();
    const [leader, other] = firstLeads ? [first, second] : [second, first];
    running.delete(leader);
    await leader.close();
    const ids = (await file(10, other)).map((row) => row.id);
    const rows = await sentOnce(ids, other);
    expect(rows.every((row) => isBatchJobId(row.claimedBy!))).toBe(true);
    expect(await other.app.get(PgListener).holds(LockId.OutboxBatchRelay)).toBe(true);
  });
});
