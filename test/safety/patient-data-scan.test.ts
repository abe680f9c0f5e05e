import { randomBytes } from 'node:crypto';

import Redis from 'ioredis';
import { Client } from 'pg';

import { hashTokenSecret, newTokenSecret } from '../../src/access/token-secret';
import { itWithRedis } from '../support/redis-only';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';
import { freePort, ServiceProcess, startServiceProcess } from '../support/service-process';
import { dropQueueKeys, REDIS_ENV } from '../support/services';
import { eventually } from '../support/test-app';

/** Recognisable patient data: none of it may leave PostgreSQL. */
const PATIENTS = [
  {
    firstName: 'Maëlys',
    lastName: 'Quéméner-Ropars',
    phone: '06 98 76 54 32',
    e164: '+33698765432',
  },
  {
    firstName: 'Gwenolé',
    lastName: 'Tanguy-Le Floc’h',
    phone: '+262 692 12 34 56',
    e164: '+262692123456',
  },
];
const EMAIL = 'maelys.quemener@example.org';
const NEEDLES = [
  ...PATIENTS.flatMap((p) => [p.firstName, p.lastName, p.phone, p.e164, p.e164.slice(1)]),
  '0698765432',
  '698765432',
  EMAIL,
  '1961-07-23',
];

async function redisDump(url: string, prefix: string): Promise<string> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    const parts: string[] = [...keys];
    for (const key of keys) {
      const type = await redis.type(key);
      if (type === 'string') parts.push((await redis.get(key)) ?? '');
      if (type === 'hash') parts.push(JSON.stringify(await redis.hgetall(key)));
      if (type === 'list') parts.push(...(await redis.lrange(key, 0, -1)));
      if (type === 'set') parts.push(...(await redis.smembers(key)));
      if (type === 'zset') parts.push(...(await redis.zrange(key, 0, -1)));
      if (type === 'stream') parts.push(JSON.stringify(await redis.xrange(key, '-', '+')));
    }
    return parts.join('\n');
  } finally {
    redis.disconnect();
  }
}

describe('patient data stays in PostgreSQL: logs, metrics and Redis scanned after a full flow', () => {
  let database: ScratchDatabase;
  let service: ServiceProcess;
  let client: Client;
  let base: string;
  const prefix = `scan-${randomBytes(4).toString('hex')}`;
  const platform = newTokenSecret();
  const coordinator = newTokenSecret();

  beforeAll(async () => {
    database = await createScratchDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO cpts (slug, name) VALUES ('scan', 'CPTS scan') RETURNING id`,
    );
    const cptsId = rows[0].id;
    for (const [role, secret] of [
      ['platform', platform],
      ['coordinator', coordinator],
    ]) {
      await client.query(
        `INSERT INTO access_token (cpts_id, role, label, token_hash) VALUES ($1, $2, $2, $3)`,
        [cptsId, role, hashTokenSecret(secret)],
      );
    }
    const gp = await client.query<{ id: string }>(
      `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address, commune_code,
                                 modes, accepting_new_patients, open_places, notify_sms, notify_email,
                                 capacity_updated_at)
       VALUES ($1, '10003456789', 'Anne', 'Le Goff', 'dr@example.org', '+33600000001', '1 rue de la Gare',
               '56007', '{in_person}', true, 2, true, true, now()) RETURNING id`,
      [cptsId],
    );
    await client.query(
      `INSERT INTO slot (cpts_id, practitioner_id, starts_at, ends_at, mode)
       VALUES ($1, $2, now() + interval '2 hours', now() + interval '2 hours 20 minutes', 'in_person')`,
      [cptsId, gp.rows[0].id],
    );
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startServiceProcess({
      DATABASE_URL: database.url,
      ...REDIS_ENV,
      QUEUE_PREFIX: prefix,
      PORT: String(port),
      RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'debug',
      COORDINATOR_EMAILS: 'coordination@example.org',
    });
    await eventually(
      async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200,
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  }, 90_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await client?.end();
    await database?.drop();
    await dropQueueKeys(prefix);
  });

  const call = (token: string, method: string, path: string, body?: unknown, key?: string) =>
    fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  const patient = (index: number) => ({
    firstName: PATIENTS[index].firstName,
    lastName: PATIENTS[index].lastName,
    birthDate: '1961-07-23',
    phone: PATIENTS[index].phone,
    communeCode: '56007',
    ...(index === 0 ? { email: EMAIL } : {}),
  });

  /** The patients named in a text, each with where it was found. */
  const named = (place: string, text: string) =>
    NEEDLES.filter((needle) => text.includes(needle)).map((needle) => `${needle} in ${place}`);

  let metrics: string;

  // A full flow, its notifications sent: urgent booked, referral, read, cancelled, and mistakes.
  beforeAll(async () => {
    const urgent = await call(
      platform,
      'POST',
      '/requests',
      {
        kind: 'urgent',
        patient: patient(0),
        reason: `${PATIENTS[0].firstName} a de la fièvre`,
      },
      'scan-urgent',
    );
    expect(urgent.status).toBe(201);
    const booked = (await urgent.json()) as { id: string; status: string };
    expect(booked.status).toBe('booked');
    const referral = await call(
      platform,
      'POST',
      '/requests',
      {
        kind: 'referring_physician',
        patient: patient(1),
      },
      'scan-referral',
    );
    expect(referral.status).toBe(201);
    expect((await call(platform, 'GET', `/requests/${booked.id}`)).status).toBe(200);
    const cancelled = await call(platform, 'POST', `/requests/${booked.id}/cancel`, {
      reason: `${PATIENTS[0].lastName} a trouvé un autre médecin`,
    });
    expect(cancelled.status).toBe(200);
    // Mistakes too: patient data in a URL, a query and an invalid body.
    await call(platform, 'GET', `/requests/${PATIENTS[0].lastName}?phone=${PATIENTS[0].e164}`);
    await call(
      platform,
      'POST',
      '/requests',
      { kind: 'urgent', patient: { ...patient(0), phone: 'x' } },
      'k',
    );

    const sent = await eventually(
      async () => {
        const { rows } = await client.query<{ pending: number; sent: number }>(
          `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'sent')::int AS sent FROM notification`,
        );
        return rows[0].pending === 0 && rows[0].sent > 0 && rows[0];
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(sent.sent).toBeGreaterThanOrEqual(2);
    const { rows: channels } = await client.query<{ channel: string }>(
      `SELECT DISTINCT channel FROM notification WHERE status = 'sent' ORDER BY channel`,
    );
    expect(channels.map((row) => row.channel)).toEqual(['email', 'sms']);
    await eventually(() => Promise.resolve(service.output().includes('log channel')));
    metrics = await (await fetch(`${base}/metrics`)).text();
  }, 60_000);

  it('finds none of the patients in the logs or /metrics', () => {
    expect(metrics).toContain('http_request_duration_seconds');
    expect([...named('logs', service.output()), ...named('metrics', metrics)]).toEqual([]);
  });

  itWithRedis('finds none of the patients in any Redis key or value', async (redisUrl) => {
    const redis = await redisDump(redisUrl, prefix);
    expect(redis.length).toBeGreaterThan(0);
    expect(named('redis', redis)).toEqual([]);
  });
});
