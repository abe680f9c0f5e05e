import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { getQueueToken } from '@nestjs/bullmq';
import { Job, Queue } from 'bullmq';
import { In } from 'typeorm';

import { migrateDatabase } from '../src/database/migrate';
import { Notification } from '../src/notifications/notification.entity';
import {
  CHANNEL_QUEUES,
  NOTIFICATION_QUEUE,
  sendJobId,
  SendNotificationJob,
} from '../src/notifications/notification-queue';
import { NotificationsService } from '../src/notifications/notifications.service';
import { OutboxRelayService } from '../src/notifications/outbox-relay.service';
import { redisConnectionsUp } from '../src/queue/redis-shutdown';
import { DedicatedRedis, FakeBrevo, FakeSmtp } from './support/notification-fakes';
import { bookedSms } from './support/notification-requests';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { startPostgresProcess } from './support/postgres-process';
import { describeWithRedis } from './support/redis-only';
import { freePort, ServiceProcess, startServiceProcess } from './support/service-process';
import { REDIS_ENV } from './support/services';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const SWEEP_INTERVAL_MS = 1_000;
const PATIENTS = 3;

/** The n-th patient's phone as the platform files it, and as Brevo receives it. */
function patientPhone(n: number) {
  return { filed: `06 12 34 56 0${n}`, atBrevo: `3361234560${n}` };
}

/** A GP with one free slot in an hour (too soon for a reminder), told of bookings by e-mail. */
async function gpWithSlot(t: TestApp, cptsId: string, n: number): Promise<string> {
  const email = `dr.${n}@example.fr`;
  const id = await createPractitioner(t, cptsId, { lastName: `Le Gall ${n}`, email });
  await t.db.system((manager) =>
    manager.query(`UPDATE practitioner SET notify_email = true, notify_sms = false WHERE id = $1`, [
      id,
    ]),
  );
  await createSlot(t, cptsId, id, 60);
  return email;
}

function notificationsOf(t: TestApp, requestIds: string[]): Promise<Notification[]> {
  return t.db.system((manager) => manager.findBy(Notification, { requestId: In(requestIds) }));
}

async function readiness(t: TestApp): Promise<number> {
  return (await t.http().get('/health/ready')).status;
}

describeWithRedis('notifications survive a Redis outage', () => {
  const redis = new DedicatedRedis();
  const brevo = new FakeBrevo();
  const smtp = new FakeSmtp();
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    await Promise.all([redis.start(), brevo.start(), smtp.start()]);
    t = await startTestApp({
      REDIS_URL: redis.url,
      SWEEP_INTERVAL: `${SWEEP_INTERVAL_MS}ms`,
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMTP_URL: smtp.url,
      NOTIFICATION_BACKOFF: '100ms',
    });
    a = await t.tenant();
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([redis.stop(), brevo.stop(), smtp.stop()]);
  });

  it('books urgent requests filed while Redis is down, then sends each SMS and e-mail exactly once', async () => {
    const patients = Array.from({ length: PATIENTS }, (_, index) => index + 1);
    const gpEmails = await Promise.all(patients.map((n) => gpWithSlot(t, a.cpts.id, n)));
    await redis.stop();

    const requestIds: string[] = [];
    for (const n of patients) {
      const filed = await fileRequest(
        t,
        a.platform,
        requestBody('urgent', { phone: patientPhone(n).filed }),
      ).expect(201);
      expect(filed.body.status).toBe('booked');
      requestIds.push(filed.body.id as string);
    }
    expect(await readiness(t)).toBe(503);
    // A row is swept once a sweep period old: two periods let the relay and a sweep fail on it.
    await new Promise((done) => setTimeout(done, 2 * SWEEP_INTERVAL_MS));
    const written = await notificationsOf(t, requestIds);
    for (const id of requestIds) {
      const mine = written.filter((row) => row.requestId === id);
      expect(mine.map((row) => `${row.channel} ${row.template}`).sort()).toEqual([
        'email practitioner.booked',
        'sms patient.booked',
      ]);
    }
    expect(written.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);
    expect(brevo.sends).toHaveLength(0);
    expect(smtp.mails).toHaveLength(0);

    await redis.start();
    const sent = await eventually(
      async () => {
        const rows = await notificationsOf(t, requestIds);
        return rows.every((row) => row.status === 'sent') ? rows : undefined;
      },
      { timeoutMs: 20_000 },
    );
    await eventually(async () => (await readiness(t)) === 200);
    for (const row of sent) {
      if (row.channel === 'sms') {
        expect(brevo.sendsOf(row.id).map((send) => send.recipient)).toEqual([
          row.recipient.replace(/^\+/, ''),
        ]);
      } else {
        expect(smtp.mailsWithMessageId(row.providerMessageId ?? '').map((mail) => mail.to)).toEqual(
          [[row.recipient]],
        );
      }
    }
    for (const n of patients) {
      expect(brevo.sends.filter((send) => send.recipient === patientPhone(n).atBrevo)).toHaveLength(
        1,
      );
    }
    for (const email of gpEmails) expect(smtp.mailsTo(email)).toHaveLength(1);
    expect(brevo.sends).toHaveLength(PATIENTS);
    expect(smtp.mails).toHaveLength(PATIENTS);
  });
});

describe('a worker killed in the middle of a send', () => {
  const brevo = new FakeBrevo();
  let t: TestApp;
  let a: Tenant;
  const workers: ServiceProcess[] = [];

  const startWorker = () => {
    const worker = startServiceProcess({
      DATABASE_URL: t.database.url,
      ...REDIS_ENV,
      QUEUE_PREFIX: t.queuePrefix,
      APP_ROLE: 'worker',
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      NOTIFICATION_BACKOFF: '100ms',
      NOTIFICATION_STALLED_AFTER: '1s',
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    await brevo.start();
    // The test's own instance only writes and relays; delivery is the worker process's.
    t = await startTestApp({
      APP_ROLE: 'api',
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'k',
    });
    a = await t.tenant();
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await t.close();
    await brevo.stop();
  });

  it('is delivered exactly once after a restart: Brevo is asked before sending again', async () => {
    brevo.script = (_tag, nth) => (nth === 1 ? 'hold' : { status: 201 });
    const first = startWorker();
    const [row] = await t.db.tenant(a.cpts.id, (manager) =>
      t.app.get(NotificationsService).request(manager, [bookedSms(1)]),
    );
    await eventually(() => Promise.resolve(brevo.sendsOf(row.id).length === 1), {
      timeoutMs: 30_000,
    });

    await first.stop('SIGKILL');
    brevo.releaseHeld();
    const inFlight = await t.db.system((manager) =>
      manager.findOneByOrFail(Notification, { id: row.id }),
    );
    expect(inFlight).toMatchObject({ status: 'pending', attempts: 1 });
    expect(inFlight.attemptStartedAt).toBeInstanceOf(Date);

    const second = startWorker();
    const sent = await eventually(
      async () => {
        const found = await t.db.system((manager) =>
          manager.findOneByOrFail(Notification, { id: row.id }),
        );
        return found.status === 'sent' ? found : undefined;
      },
      { timeoutMs: 40_000 },
    );
    expect(sent).toMatchObject({ attempts: 2, attemptStartedAt: null });
    expect(sent.providerMessageId).toBe(String(brevo.accepted.get(row.id)));
    expect(brevo.sendsOf(row.id)).toHaveLength(1);
    expect(brevo.eventQueries).toBeGreaterThanOrEqual(1);
    expect(second.output()).not.toContain('+3361234567');
  });
});

describeWithRedis('the backlog of a Redis outage heals at once, not at the next sweep', () => {
  const redis = new DedicatedRedis();
  const brevo = new FakeBrevo();
  const smtp = new FakeSmtp();
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    await Promise.all([redis.start(), brevo.start(), smtp.start()]);
    // The default sweep period (a minute): only healing can send within 5 s.
    t = await startTestApp({
      REDIS_URL: redis.url,
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMTP_URL: smtp.url,
    });
    a = await t.tenant();
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([redis.stop(), brevo.stop(), smtp.stop()]);
  });

  it('sends every notification filed during the outage within 5 s of Redis answering, exactly once', async () => {
    const patients = [1, 2, 3, 4, 5];
    const gpEmails = await Promise.all(patients.map((n) => gpWithSlot(t, a.cpts.id, n)));
    await redis.stop();

    const requestIds: string[] = [];
    for (const n of patients) {
      const filed = await fileRequest(
        t,
        a.platform,
        requestBody('urgent', { phone: patientPhone(n).filed }),
      ).expect(201);
      expect(filed.body.status).toBe('booked');
      requestIds.push(filed.body.id as string);
    }
    // The relay has tried and failed: the rows wait in the outbox.
    const relay = t.app.get(OutboxRelayService);
    await eventually(() => Promise.resolve(relay.backlogged));
    const written = await notificationsOf(t, requestIds);
    expect(written).toHaveLength(2 * patients.length);
    expect(written.every((row) => row.status === 'pending' && row.attempts === 0)).toBe(true);

    await redis.start();
    const answering = Date.now();
    await eventually(
      async () => (await notificationsOf(t, requestIds)).every((row) => row.status === 'sent'),
      { timeoutMs: 5_000, intervalMs: 20 },
    );
    const drainedMs = Date.now() - answering;
    expect(drainedMs).toBeLessThan(5_000);
    process.stdout.write(
      `backlog of ${written.length} sent ${drainedMs} ms after Redis answered\n`,
    );

    for (const n of patients) {
      expect(brevo.sends.filter((send) => send.recipient === patientPhone(n).atBrevo)).toHaveLength(
        1,
      );
    }
    for (const email of gpEmails) expect(smtp.mailsTo(email)).toHaveLength(1);
    const sent = await notificationsOf(t, requestIds);
    for (const row of sent) {
      if (row.channel === 'sms') expect(brevo.sendsOf(row.id)).toHaveLength(1);
      else expect(smtp.mailsWithMessageId(row.providerMessageId ?? '')).toHaveLength(1);
    }
    expect(brevo.sends).toHaveLength(patients.length);
    expect(smtp.mails).toHaveLength(patients.length);
  });
});

describeWithRedis('shutting down while Redis is away', () => {
  const redis = new DedicatedRedis();

  beforeAll(() => redis.start());
  afterAll(() => redis.stop());

  /** Closes an app, answering whether it closed within 5 s (BullMQ's close could wait forever). */
  async function closesPromptly(app: TestApp): Promise<string> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('still closing after 5 s'), 5_000);
    });
    const closed = app.close().then(
      () => 'closed',
      (error: Error) => `failed: ${error.message}`,
    );
    try {
      return await Promise.race([closed, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** An app on the dedicated Redis, once its queues' connections have noticed that Redis is gone. */
  async function appWithRedisGone(): Promise<TestApp> {
    const app = await startTestApp({ REDIS_URL: redis.url });
    await redis.stop();
    const queue = app.app.get<Queue>(getQueueToken(NOTIFICATION_QUEUE));
    await eventually(async () => !(await redisConnectionsUp(queue.backend)));
    return app;
  }

  it('stops at once while Redis is down', async () => {
    const app = await appWithRedisGone();
    expect(await closesPromptly(app)).toBe('closed');
    await redis.start();
  });

  it('stops at once when Redis is back but its connections are still reconnecting', async () => {
    const app = await appWithRedisGone();
    await redis.start();
    expect(await closesPromptly(app)).toBe('closed');
  });
});

describe('jobs whose claims failed while PostgreSQL was down', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpts-outbox-'));
  chmodSync(dataDir, 0o755);
  const brevo = new FakeBrevo();
  let pgPort: number;
  let postgres: Awaited<ReturnType<typeof startPostgresProcess>>;
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    await brevo.start();
    pgPort = await freePort();
    postgres = await startPostgresProcess(dataDir, pgPort);
    await migrateDatabase(postgres.url);
    // A failed attempt waits 30 s (± 25 %) before the next: only healing can send within 5 s.
    t = await startTestApp(
      {
        SMS_PROVIDER: 'brevo',
        SMS_API_URL: brevo.url,
        SMS_API_KEY: 'test-key',
        NOTIFICATION_BACKOFF: '30s',
      },
      { name: 'embedded', url: postgres.url, drop: () => Promise.resolve() },
    );
    a = await t.tenant();
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await postgres?.stop().catch(() => undefined);
    await brevo.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are sent within 5 s of PostgreSQL answering again, not after their backoff, exactly once', async () => {
    const queue = t.app.get<Queue>(getQueueToken(CHANNEL_QUEUES.sms));
    const jobOf = (id: string) => Job.fromId<SendNotificationJob>(queue, sendJobId(id));
    // Due in 3 s: PostgreSQL is down by then, so each job's claim fails.
    const sendAt = new Date(Date.now() + 3_000);
    const rows = await t.db.tenant(a.cpts.id, (manager) =>
      t.app.get(NotificationsService).request(
        manager,
        [1, 2, 3].map((n) => ({ ...bookedSms(n), sendAt })),
      ),
    );
    await eventually(async () => {
      const states = await Promise.all(rows.map((row) => queue.getJobState(sendJobId(row.id))));
      return states.every((state) => state === 'delayed');
    });
    await postgres.stop();
    await eventually(
      async () => {
        const jobs = await Promise.all(rows.map((row) => jobOf(row.id)));
        return jobs.every((job) => job && job.attemptsMade >= 1 && job.failedReason);
      },
      { timeoutMs: 20_000 },
    );
    expect(brevo.sends).toHaveLength(0);

    postgres = await startPostgresProcess(dataDir, pgPort);
    const answering = Date.now();
    await eventually(
      async () => {
        const found = await t.db
          .system((manager) => manager.findBy(Notification, { id: In(rows.map((row) => row.id)) }))
          .catch(() => []);
        return found.length === rows.length && found.every((row) => row.status === 'sent');
      },
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    const drainedMs = Date.now() - answering;
    expect(drainedMs).toBeLessThan(5_000);
    process.stdout.write(`${rows.length} SMS sent ${drainedMs} ms after PostgreSQL answered\n`);
    for (const row of rows) expect(brevo.sendsOf(row.id)).toHaveLength(1);
    expect(brevo.sends).toHaveLength(rows.length);
  }, 120_000);
});
