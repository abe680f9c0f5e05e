import { Notification } from '../src/notifications/notification.entity';
import {
  NotificationRequest,
  NotificationsService,
} from '../src/notifications/notifications.service';
import { DedicatedRedis, FakeBrevo, FakeSmtp } from './support/notification-fakes';
import { ServiceProcess, startServiceProcess } from './support/service-process';
import { REDIS_URL } from './support/services';
import { eventually, Tenant, TestApp, startTestApp } from './support/test-app';

const booked = {
  firstName: 'Hélène',
  practitionerName: 'Dr Paul Le Gall',
  startsAt: '2030-01-07T09:00:00+01:00',
  address: '3 rue du Port',
  communeName: 'Auray',
  mode: 'in_person',
  reference: 'SNP-2030-000001',
};

function sms(n: number): NotificationRequest {
  return {
    channel: 'sms',
    recipient: `+3361234567${n % 10}`,
    template: 'patient.booked',
    params: booked,
  };
}

async function statuses(t: TestApp, ids: string[]) {
  const rows = await t.db.system((manager) =>
    manager.findBy(
      Notification,
      ids.map((id) => ({ id })),
    ),
  );
  return rows;
}

describe('notifications survive a Redis outage', () => {
  const redis = new DedicatedRedis();
  const brevo = new FakeBrevo();
  const smtp = new FakeSmtp();
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    await Promise.all([redis.start(), brevo.start(), smtp.start()]);
    t = await startTestApp({
      REDIS_URL: redis.url,
      SWEEP_INTERVAL: '1s',
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

  it('accepts the writes while Redis is down, then delivers each notification exactly once', async () => {
    await redis.stop();
    const written = await t.db.tenant(a.cpts.id, (manager) =>
      t.app.get(NotificationsService).request(manager, [
        ...[1, 2, 3, 4, 5].map(sms),
        {
          channel: 'email',
          recipient: 'p.legall@example.fr',
          template: 'practitioner.cancelled',
          params: { startsAt: booked.startsAt, reference: booked.reference },
        },
      ]),
    );
    const ids = written.map((row) => row.id);
    expect(ids).toHaveLength(6);
    // Let the relay and a sweep or two fail against the missing Redis.
    await new Promise((done) => setTimeout(done, 1500));
    expect((await statuses(t, ids)).every((row) => row.status === 'pending')).toBe(true);
    expect(brevo.sends).toHaveLength(0);

    await redis.start();
    await eventually(async () => (await statuses(t, ids)).every((row) => row.status === 'sent'), {
      timeoutMs: 20_000,
    });
    for (const id of ids.slice(0, 5)) expect(brevo.sendsOf(id)).toHaveLength(1);
    expect(smtp.mailsTo('p.legall@example.fr')).toHaveLength(1);
    expect(brevo.sends).toHaveLength(5);
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
      REDIS_URL,
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
      t.app.get(NotificationsService).request(manager, [sms(1)]),
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
