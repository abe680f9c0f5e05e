import { randomUUID } from 'node:crypto';

import { SchedulerRegistry } from '@nestjs/schedule';

import { AccessToken } from '../src/access/access-token.entity';
import { Notification } from '../src/notifications/notification.entity';
import { NotificationsService } from '../src/notifications/notifications.service';
import { expectProblem } from './support/problem';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

/** Some of the tables holding CPTS rows: the catalogue checks below are not vacuous. */
const TENANT_TABLES = [
  'access_token',
  'practitioner',
  'slot',
  'orientation_request',
  'notification',
];

describe('foundation: auth, errors, tenancy, operations, queue (real PostgreSQL, and Redis when the run has one)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
  });

  afterAll(() => t.close());

  const countTokens = () => t.db.system((manager) => manager.count(AccessToken));

  describe('authentication', () => {
    it('answers 401 problem+json without a token', async () => {
      const response = await t.http().get('/api/v1/access-tokens');
      expectProblem(response, 401);
      expect(response.body).toMatchObject({ title: 'Authentication required' });
    });

    it('answers 401 for an unknown token', async () => {
      await t.http('cpts_not-a-real-token').get('/api/v1/access-tokens').expect(401);
    });

    it('stops a revoked token at once', async () => {
      const created = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .send({ role: 'platform', label: 'SAS 56' })
        .expect(201);
      expect(created.body.token).toMatch(/^cpts_/);
      await t.http(created.body.token).get('/api/v1/access-tokens').expect(403);
      await t.http(a.coordinator).delete(`/api/v1/access-tokens/${created.body.id}`).expect(204);
      await t.http(created.body.token).get('/api/v1/access-tokens').expect(401);
    });

    it('stores only a hash of the token', async () => {
      const created = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .send({ role: 'coordinator', label: 'hash check' })
        .expect(201);
      const rows = await t.db.system((manager) =>
        manager.query<Array<{ hex: string }>>(
          `SELECT encode(token_hash, 'hex') AS hex FROM access_token WHERE id = $1`,
          [created.body.id],
        ),
      );
      expect(rows[0].hex).toHaveLength(64);
      expect(rows[0].hex).not.toContain(Buffer.from(created.body.token).toString('hex'));
    });
  });

  describe('authorisation', () => {
    it('answers 403 when the role may not call the route', async () => {
      const response = await t
        .http(a.platform)
        .post('/api/v1/access-tokens')
        .send({ role: 'platform', label: 'x' });
      expectProblem(response, 403);
    });
  });

  describe('errors', () => {
    it('names every invalid field, rejects unknown fields, and changes nothing', async () => {
      const before = await countTokens();
      const response = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .send({ role: 'admin', label: '', extra: true });
      expectProblem(response, 400);
      const fields = (response.body.errors as Array<{ field: string }>).map((error) => error.field);
      expect(fields).toEqual(expect.arrayContaining(['role', 'label', 'extra']));
      expect(await countTokens()).toBe(before);
    });

    it('answers 400 for malformed JSON and 413 for a body over 100 kB', async () => {
      const malformed = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .set('Content-Type', 'application/json')
        .send('{"role":');
      expectProblem(malformed, 400);
      const large = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .send({ role: 'platform', label: 'x'.repeat(110_000) });
      expectProblem(large, 413);
    });

    it('answers unknown routes with a 404 problem', async () => {
      expectProblem(await t.http(a.coordinator).get('/api/v1/no-such-thing'), 404);
    });

    it('gives every response a request id, and echoes a sane given one', async () => {
      const generated = await t.http().get('/health/live');
      expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const echoed = await t.http().get('/health/live').set('X-Request-Id', 'call-42');
      expect(echoed.headers['x-request-id']).toBe('call-42');
    });
  });

  describe('tenancy', () => {
    it('shows a CPTS nothing of another: lists hold only its own rows, reads answer 404', async () => {
      const listA = await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
      const listB = await t.http(b.coordinator).get('/api/v1/access-tokens').expect(200);
      const idsA = (listA.body.items as Array<{ id: string }>).map((item) => item.id);
      const idsB = (listB.body.items as Array<{ id: string }>).map((item) => item.id);
      expect(idsA.length).toBeGreaterThan(0);
      expect(idsB).toHaveLength(2);
      expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);

      await t.http(a.coordinator).delete(`/api/v1/access-tokens/${idsB[0]}`).expect(404);
      await t.http(b.coordinator).get('/api/v1/access-tokens').expect(200);
    });

    it('enforces isolation in the database itself (row-level security)', async () => {
      const seen = await t.db.tenant(a.cpts.id, (manager) =>
        manager.query<Array<{ cpts_id: string }>>('SELECT DISTINCT cpts_id FROM access_token'),
      );
      expect(seen).toEqual([{ cpts_id: a.cpts.id }]);
      await expect(
        t.db.tenant(a.cpts.id, (manager) =>
          manager.query(
            `INSERT INTO access_token (cpts_id, role, label, token_hash) VALUES ($1, 'platform', 'x', '\\x00')`,
            [b.cpts.id],
          ),
        ),
      ).rejects.toThrow(/row-level security/);
    });

    /** Tables holding CPTS rows (a `cpts_id` column) for which `condition` holds, on pg_class k. */
    async function cptsTables(condition: string): Promise<string[]> {
      const rows = await t.db.system((manager) =>
        manager.query<Array<{ table_name: string }>>(
          `SELECT c.table_name FROM information_schema.columns c
             JOIN pg_class k ON k.relname = c.table_name AND k.relkind = 'r'
            WHERE c.table_schema = 'public' AND c.column_name = 'cpts_id' AND (${condition})`,
        ),
      );
      return rows.map((row) => row.table_name);
    }

    it('protects every table that holds CPTS rows with a policy', async () => {
      expect(await cptsTables('true')).toEqual(expect.arrayContaining(TENANT_TABLES));
      const unprotected = await cptsTables(
        'NOT k.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = k.oid)',
      );
      expect(unprotected).toEqual([]);
    });

    it('ties every CPTS row to an existing CPTS, which then cannot be deleted', async () => {
      // A foreign key from cpts_id to cpts, or (TenantColumn viaParent) a composite one whose
      // cpts_id column references the cpts_id of a parent table that has that key itself.
      const directKey = (table: string, alias: string) =>
        `EXISTS (SELECT 1 FROM pg_constraint ${alias}
                  WHERE ${alias}.conrelid = ${table} AND ${alias}.contype = 'f'
                    AND ${alias}.confrelid = 'cpts'::regclass
                    AND ${alias}.conkey = ARRAY[(SELECT attnum FROM pg_attribute
                                           WHERE attrelid = ${table} AND attname = 'cpts_id')])`;
      const unbound = await cptsTables(
        `NOT ${directKey('k.oid', 'd')}
         AND NOT EXISTS (
           SELECT 1 FROM pg_constraint f
            WHERE f.conrelid = k.oid AND f.contype = 'f' AND ${directKey('f.confrelid', 'p')}
              AND f.conkey[1] = (SELECT attnum FROM pg_attribute
                                  WHERE attrelid = k.oid AND attname = 'cpts_id')
              AND f.confkey[1] = (SELECT attnum FROM pg_attribute
                                   WHERE attrelid = f.confrelid AND attname = 'cpts_id'))`,
      );
      expect(unbound).toEqual([]);
      // Even outside row-level security (the CLI, the sweeps): no row of a CPTS that does not exist.
      await expect(
        t.db.system((manager) =>
          manager.query(
            `INSERT INTO access_token (cpts_id, role, label, token_hash) VALUES ($1, 'platform', 'x', '\\x01')`,
            [randomUUID()],
          ),
        ),
      ).rejects.toThrow(/foreign key/);
      // A row tied through its parent belongs to its parent's CPTS, not merely to some CPTS.
      await expect(
        t.db.system((manager) =>
          manager.query(
            `WITH r AS (
               INSERT INTO orientation_request (cpts_id, reference, kind, idempotency_key, body_hash,
                      patient_first_name, patient_last_name, patient_birth_date, patient_phone,
                      patient_commune_code, accepted_modes, deadline_at)
               VALUES ($1, 'R-fk', 'urgent', 'k-fk', 'h', 'P', 'T', '1980-01-01', '+33600000000',
                       '56007', '{in_person}', now() + interval '1 day') RETURNING id)
             INSERT INTO request_event (cpts_id, request_id, type) SELECT $2, id, 'created' FROM r`,
            [a.cpts.id, b.cpts.id],
          ),
        ),
      ).rejects.toThrow(/foreign key/);
      await expect(
        t.db.system((manager) => manager.query('DELETE FROM cpts WHERE id = $1', [a.cpts.id])),
      ).rejects.toThrow(/foreign key/);
    });
  });

  describe('operations', () => {
    it('reports liveness and readiness of the database and the queue', async () => {
      await t.http().get('/health/live').expect(200, { status: 'ok' });
      const ready = await t.http().get('/health/ready').expect(200);
      expect(ready.body.details).toMatchObject({
        database: { status: 'up' },
        queue: { status: 'up' },
      });
    });

    it('exposes Prometheus metrics with HTTP latency by route and queue depths', async () => {
      await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
      const metrics = await t.http().get('/metrics').expect(200);
      expect(metrics.text).toContain('http_request_duration_seconds_bucket');
      expect(metrics.text).toMatch(/route="\/api\/v1\/access-tokens"/);
      expect(metrics.text).toMatch(/queue_jobs\{queue="notifications",state="waiting"\} \d+/);
    });

    it('counts the statements sent to PostgreSQL, so that round trips per request can be measured', async () => {
      const sent = async () => {
        const metrics = await t.http().get('/metrics').expect(200);
        return Number(/^db_queries_total (\d+)$/m.exec(metrics.text)?.[1]);
      };
      const before = await sent();
      await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
      const after = await sent();
      expect(before).toBeGreaterThan(0);
      expect(after).toBeGreaterThan(before);
    });

    it("lists a worker's periodic tasks by name in Nest's SchedulerRegistry", () => {
      expect([...t.app.get(SchedulerRegistry).getIntervals()].sort()).toEqual([
        'availability event prune',
        'campaign reminders',
        'hold expiry',
        'notification outbox sweep',
        'orientation sweep',
        'patient data purge',
        'pattern generation',
      ]);
    });

    it('serves the OpenAPI document generated from the code', async () => {
      const document = await t.http().get('/api/docs-json').expect(200);
      expect(document.body.openapi).toMatch(/^3\./);
      expect(Object.keys(document.body.paths)).toContain('/api/v1/access-tokens');
      await t.http().get('/api/docs').expect(200);
    });
  });

  describe('queue round-trip', () => {
    const params = {
      firstName: 'Jeanne',
      startsAt: '2030-01-07T09:00:00+01:00',
      practitionerName: 'Dr Anne Martin',
      mode: 'in_person' as const,
      address: '1 rue de la Gare',
      communeName: 'Vannes',
      reference: 'SNP-TEST',
    };

    it('delivers an outbox row written in a transaction, once', async () => {
      const notifications = t.app.get(NotificationsService);
      const [row] = await t.db.tenant(a.cpts.id, (manager) =>
        notifications.request(manager, [
          { channel: 'sms', recipient: '+33600000000', template: 'patient.booked', params },
        ]),
      );
      const sent = await eventually(() =>
        t.db.system(async (manager) => {
          const found = await manager.findOneByOrFail(Notification, { id: row.id });
          return found.status === 'sent' ? found : undefined;
        }),
      );
      expect(sent.attempts).toBe(1);
      expect(sent.providerMessageId).toMatch(/^log-/);
    });

    it('never sends what a rolled-back transaction wrote', async () => {
      const notifications = t.app.get(NotificationsService);
      await expect(
        t.db.tenant(a.cpts.id, async (manager) => {
          await notifications.request(manager, [
            {
              channel: 'sms',
              recipient: '+33600000001',
              template: 'patient.booked',
              params,
            },
          ]);
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      const rows = await t.db.system((manager) =>
        manager.countBy(Notification, { recipient: '+33600000001' }),
      );
      expect(rows).toBe(0);
    });
  });
});

describe('rate limiting', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
  });

  afterAll(() => t.close());

  it('answers 429 problem+json past RATE_LIMIT_PER_MINUTE requests of one token', async () => {
    const { coordinator, platform } = await t.tenant();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await t.http(coordinator).get('/api/v1/access-tokens')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await t.http(coordinator).get('/api/v1/access-tokens');
    expectProblem(limited, 429);
    // The limit is per token: another caller is not affected.
    await t.http(platform).get('/health/live').expect(200);
  });
});
