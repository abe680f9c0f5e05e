import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { hashTokenSecret, newTokenSecret } from '../../src/access/token-secret';
import { migrateDatabase } from '../../src/database/migrate';
import { requestBody } from '../support/orientation-fixtures';
import { startPostgresProcess } from '../support/postgres-process';
import { createScratchDatabase, ScratchDatabase } from '../support/scratch-database';
import { freePort, ServiceProcess, startServiceProcess } from '../support/service-process';
import { dropQueueKeys, REDIS_ENV } from '../support/services';
import { eventually } from '../support/test-app';

/** A CPTS, a platform token and a practitioner with free slots, written straight to the database. */
async function seed(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const secret = newTokenSecret();
    const cpts = await client.query<{ id: string }>(
      `INSERT INTO cpts (slug, name) VALUES ('drill', 'CPTS drill') RETURNING id`,
    );
    await client.query(
      `INSERT INTO access_token (cpts_id, role, label, token_hash) VALUES ($1, 'platform', 'drill', $2)`,
      [cpts.rows[0].id, hashTokenSecret(secret)],
    );
    const gp = await client.query<{ id: string }>(
      `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address, commune_code, modes, notify_sms)
       VALUES ($1, '10001234567', 'Anne', 'Le Goff', 'dr@example.org', '+33600000001', '1 rue de la Gare', '56007', '{in_person}', true)
       RETURNING id`,
      [cpts.rows[0].id],
    );
    await client.query(
      `INSERT INTO slot (cpts_id, practitioner_id, starts_at, ends_at, mode)
       SELECT $1, $2, now() + make_interval(hours => 2) + n * interval '30 minutes',
              now() + make_interval(hours => 2) + n * interval '30 minutes' + interval '20 minutes', 'in_person'
         FROM generate_series(0, 40) AS n`,
      [cpts.rows[0].id, gp.rows[0].id],
    );
    return secret;
  } finally {
    await client.end();
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every request filed is whole: its row, its `created` history entry, and a booking if booked. */
const HALF_WRITTEN = `
  SELECT r.id FROM orientation_request r
   WHERE NOT EXISTS (SELECT 1 FROM request_event e WHERE e.request_id = r.id AND e.type = 'created')
      OR (r.status = 'booked') <> EXISTS (SELECT 1 FROM appointment a WHERE a.request_id = r.id AND a.status = 'booked')`;

function serviceEnv(url: string, port: number, prefix: string): Record<string, string> {
  return {
    DATABASE_URL: url,
    ...REDIS_ENV,
    QUEUE_PREFIX: prefix,
    PORT: String(port),
    RUN_MIGRATIONS: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

const file = (base: string, token: string) =>
  fetch(`${base}/api/v1/requests`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify(requestBody('urgent')),
  }).then(
    (response) => response.status,
    () => 0,
  );

/** Backends of the service waiting for a lock that the backend `holder` holds. */
async function blockedBy(url: string, holder: number): Promise<number> {
  const [row] = await query<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_stat_activity
      WHERE datname = current_database() AND ${holder} = ANY(pg_blocking_pids(pid))`,
  );
  return row.n;
}

const readiness = (base: string) =>
  fetch(`${base}/health/ready`).then(
    (response) => response.status,
    () => 0,
  );

describe('fault drill: PostgreSQL stops and comes back during traffic', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cpts-drill-'));
  chmodSync(dataDir, 0o755);
  const prefix = `drill-${randomBytes(4).toString('hex')}`;
  let pgPort: number;
  let postgres: Awaited<ReturnType<typeof startPostgresProcess>>;
  let service: ServiceProcess;
  let traffic = false;

  afterAll(async () => {
    // A failed assertion must not leave the traffic running: Jest would never exit.
    traffic = false;
    await service?.stop('SIGKILL');
    await postgres?.stop().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await dropQueueKeys(prefix);
  });

  it('answers 503 on /health/ready while it is down, recovers alone, and half-writes nothing', async () => {
    pgPort = await freePort();
    postgres = await startPostgresProcess(dataDir, pgPort);
    await migrateDatabase(postgres.url);
    const token = await seed(postgres.url);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    service = startServiceProcess(serviceEnv(postgres.url, port, prefix));
    await eventually(async () => (await readiness(base)) === 200, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });

    traffic = true;
    const statuses: number[] = [];
    const load = (async () => {
      while (traffic) statuses.push(await file(base, token));
    })();
    await eventually(() => Promise.resolve(statuses.filter((s) => s === 201).length >= 3));
    await postgres.stop();
    await eventually(async () => (await readiness(base)) === 503, { timeoutMs: 20_000 });
    const during = await fetch(`${base}/api/v1/requests`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(during.status).toBeGreaterThanOrEqual(500);
    expect(during.headers.get('content-type')).toMatch(/problem\+json/);

    postgres = await startPostgresProcess(dataDir, pgPort);
    await eventually(async () => (await readiness(base)) === 200, { timeoutMs: 30_000 });
    const after = statuses.length;
    await eventually(
      () => Promise.resolve(statuses.slice(after).filter((s) => s === 201).length >= 3),
      {
        timeoutMs: 30_000,
      },
    );
    traffic = false;
    await load;

    expect(service.child.exitCode).toBeNull();
    expect(statuses.filter((s) => s !== 201 && s < 500)).toEqual([]);
    expect(await query(postgres.url, HALF_WRITTEN)).toEqual([]);
    const [count] = await query<{ n: number }>(
      postgres.url,
      'SELECT count(*)::int AS n FROM orientation_request',
    );
    expect(count.n).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
  }, 180_000);
});

describe('fault drill: SIGTERM during traffic', () => {
  let database: ScratchDatabase;
  let service: ServiceProcess;
  const prefix = `drill-${randomBytes(4).toString('hex')}`;

  afterAll(async () => {
    await service?.stop('SIGKILL');
    await database?.drop();
    await dropQueueKeys(prefix);
  });

  it('completes the requests in flight, then loses no notification job', async () => {
    database = await createScratchDatabase();
    const token = await seed(database.url);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    service = startServiceProcess(serviceEnv(database.url, port, prefix));
    await eventually(async () => (await readiness(base)) === 200, {
      timeoutMs: 60_000,
      intervalMs: 200,
    });

    // Hold the CPTS row: every request's first INSERT (its foreign key to cpts takes a share lock
    // on that row) then waits inside its transaction, so the signal lands while they are in flight.
    const holder = new Client({ connectionString: database.url });
    await holder.connect();
    let statuses: number[];
    try {
      const [{ pid }] = (await holder.query<{ pid: number }>('SELECT pg_backend_pid() AS pid'))
        .rows;
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM cpts WHERE slug = 'drill' FOR UPDATE`);
      const inFlight = Array.from({ length: 12 }, () => file(base, token));
      await eventually(async () => (await blockedBy(database.url, pid)) >= 5, {
        timeoutMs: 20_000,
        intervalMs: 50,
      });
      service.child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(service.child.exitCode).toBeNull(); // still finishing what it accepted
      await holder.query('COMMIT');
      statuses = await Promise.all(inFlight);
    } finally {
      await holder.end();
    }
    expect(await service.exit).toBe(0);
    // Accepted before the signal: answered 201. Never a cut connection or a 5xx.
    expect(statuses).toEqual(Array<number>(12).fill(201));
    expect(await query(database.url, HALF_WRITTEN)).toEqual([]);

    service = startServiceProcess(serviceEnv(database.url, port, prefix));
    const pending = await eventually(
      async () => {
        const [row] = await query<{ pending: number; total: number }>(
          database.url,
          `SELECT count(*) FILTER (WHERE status <> 'sent')::int AS pending, count(*)::int AS total
             FROM notification WHERE send_at <= now()`,
        );
        return row.total > 0 && row.pending === 0 && row;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(pending.total).toBeGreaterThanOrEqual(12);
  }, 180_000);
});
