import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'pg';

import { embeddedDatabaseUrl } from '../src/database/embedded-postgres';
import { freePort, ServiceProcess, startServiceProcess } from './support/service-process';
import { eventually } from './support/test-app';

interface DemoToken {
  role: string;
  token: string;
}

/** Recognisable patient data pushed through the service; it must never reach the logs. */
const PATIENT = { firstName: 'Gwenaëlle', lastName: 'Kerzerho-Tanguy', phone: '+33612345678' };

describe('zero-setup start: embedded PostgreSQL, queue on PostgreSQL, demo territory', () => {
  // A private directory (0700), as mkdtemp makes: the service must let PostgreSQL's user in itself.
  const dataDir = mkdtempSync(join(tmpdir(), 'cpts-demo-'));
  let port: number;
  let pgPort: number;
  let service: ServiceProcess;
  const outputs: string[] = [];

  const base = () => `http://127.0.0.1:${port}`;
  const env = () => ({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    SWEEP_INTERVAL: '1s',
  });
  const tokens = (): DemoToken[] =>
    JSON.parse(readFileSync(join(dataDir, 'demo-tokens.json'), 'utf8')) as DemoToken[];
  const bearer = (role: string) => ({
    authorization: `Bearer ${tokens().find((token) => token.role === role)?.token ?? ''}`,
  });

  async function ready(): Promise<void> {
    await eventually(
      async () => (await fetch(`${base()}/health/ready`).catch(() => undefined))?.status === 200,
      { timeoutMs: 90_000, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; the service said:\n${service.output().slice(-3000)}`);
    });
  }

  /** Free slots of the live table's default 48 hours, as the README's curl reads it. */
  async function freeSlotsInTable(): Promise<number> {
    const response = await fetch(`${base()}/api/v1/availability`, { headers: bearer('platform') });
    expect(response.status).toBe(200);
    const table = (await response.json()) as { items: Array<{ freeSlots: unknown[] }> };
    return table.items.reduce((sum, item) => sum + item.freeSlots.length, 0);
  }

  async function embedded<T>(sql: string): Promise<T[]> {
    const client = new Client({ connectionString: embeddedDatabaseUrl(pgPort) });
    await client.connect();
    try {
      return (await client.query(sql)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /** The demo people's sign-in links, as the first start kept them. */
  const demoLinks = () =>
    JSON.parse(readFileSync(join(dataDir, 'demo-links.json'), 'utf8')) as Array<{
      role: string;
      url: string;
    }>;

  beforeAll(async () => {
    port = await freePort();
    pgPort = await freePort();
    service = startServiceProcess(env());
    await ready();
  }, 120_000);

  afterAll(async () => {
    await service?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo territory and prints a working token per role', async () => {
    expect(tokens().map((token) => token.role)).toEqual([
      'coordinator',
      'platform',
      'practitioner',
    ]);
    for (const token of tokens()) expect(service.output()).toContain(token.token);
    const listed = await fetch(`${base()}/api/v1/access-tokens`, {
      headers: bearer('coordinator'),
    });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toHaveLength(3);
    const [counts] = await embedded<{ practitioners: number; slots: number }>(
      `SELECT (SELECT count(*) FROM practitioner)::int AS practitioners,
              (SELECT count(*) FROM slot WHERE starts_at BETWEEN now() AND now() + interval '48 hours')::int AS slots`,
    );
    expect(counts.practitioners).toBe(30);
    expect(counts.slots).toBeGreaterThan(0);
    expect(await freeSlotsInTable()).toBeGreaterThan(0);
  });

  it('prints a sign-in link per demo person, each opening that person’s page in one click', async () => {
    const links = demoLinks();
    expect(links.map((link) => link.role)).toEqual(['coordinator', 'operator', 'practitioner']);
    const pages: Record<string, string> = {};
    for (const link of links) {
      expect(service.output()).toContain(link.url);
      const opened = await fetch(`${base()}${new URL(link.url).pathname}`, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      const me = await fetch(`${base()}/api/v1/session`, {
        headers: { cookie: opened.headers.getSetCookie()[0].split(';')[0] },
      });
      expect(((await me.json()) as { role: string }).role).toBe(link.role);
      pages[link.role] = opened.headers.get('location') ?? '';
    }
    expect(pages).toEqual({
      coordinator: '/dashboard',
      operator: '/plateforme',
      practitioner: '/medecin',
    });
    // The links stay in view: at the default level, no line per module loaded or route mapped.
    expect(service.output()).not.toMatch(/InstanceLoader|RoutesResolver|RouterExplorer/);
    expect(service.output().split('\n').length).toBeLessThan(40);
  });

  it('lets the demo operator take a call at first start and get a proposal', async () => {
    const links = demoLinks();
    const operator = links.find((link) => link.role === 'operator')!;
    const opened = await fetch(`${base()}${new URL(operator.url).pathname}`, {
      redirect: 'manual',
    });
    expect(opened.headers.get('location')).toBe('/plateforme');
    const cookie = opened.headers.getSetCookie()[0].split(';')[0];
    const session = (await (
      await fetch(`${base()}/api/v1/session`, { headers: { cookie } })
    ).json()) as { csrfToken: string };
    const filed = await fetch(`${base()}/api/v1/requests`, {
      method: 'POST',
      headers: {
        cookie,
        // The service's own origin (PUBLIC_URL's), as the console's page would send it.
        origin: new URL(operator.url).origin,
        'content-type': 'application/json',
        'x-csrf-token': session.csrfToken,
        'idempotency-key': 'demo-console-call',
      },
      body: JSON.stringify({
        kind: 'urgent',
        booking: 'propose',
        patient: { ...PATIENT, lastName: 'Démo', birthDate: '1990-05-05', communeCode: '56007' },
      }),
    });
    expect(filed.status).toBe(201);
    const request = (await filed.json()) as { status: string; proposal: unknown };
    expect(request.status).toBe('held');
    expect(request.proposal).toBeTruthy();
    // Where to send a patient when no slot fits, or at night: the demo CPTS has its places.
    const targets = (await (
      await fetch(`${base()}/api/v1/redirect-targets`, { headers: { cookie } })
    ).json()) as { items: Array<{ kind: string; openNow: boolean }> };
    expect(targets.items.map((target) => target.kind).sort()).toEqual([
      'emergency',
      'mmg',
      'teleconsultation',
    ]);
    expect(targets.items.find((target) => target.kind === 'emergency')?.openNow).toBe(true);
  });

  it('shows the demo GP a normal week: an offer to answer, a booked patient, a weekly pattern', async () => {
    const links = demoLinks();
    const gp = links.find((link) => link.role === 'practitioner')!;
    const opened = await fetch(`${base()}${new URL(gp.url).pathname}`, { redirect: 'manual' });
    const cookie = opened.headers.getSetCookie()[0].split(';')[0];
    const get = async <T>(path: string) =>
      (await (await fetch(`${base()}/api/v1${path}`, { headers: { cookie } })).json()) as T;
    const { practitionerId } = await get<{ practitionerId: string }>('/session');
    const offers = await get<{ items: unknown[] }>(
      `/practitioners/${practitionerId}/offers?status=pending`,
    );
    expect(offers.items).toHaveLength(1);
    const patterns = await get<{ items: unknown[] }>(`/practitioners/${practitionerId}/patterns`);
    expect(patterns.items).toHaveLength(1);
    const [booked] = await embedded<{ n: number }>(
      `SELECT count(*)::int AS n FROM appointment WHERE status = 'booked'
          AND practitioner_id = '${practitionerId}'`,
    );
    expect(booked.n).toBe(1);
  });

  it('runs a job round-trip on the PostgreSQL-backed queue', async () => {
    const client = new Client({ connectionString: embeddedDatabaseUrl(pgPort) });
    await client.connect();
    try {
      const cpts = await client.query<{ id: string }>('SELECT id FROM cpts');
      const inserted = await client.query<{ id: string }>(
        `INSERT INTO notification (cpts_id, channel, recipient, template, params)
         VALUES ($1, 'sms', $2, 'patient.booked', $3) RETURNING id`,
        [
          cpts.rows[0].id,
          PATIENT.phone,
          {
            firstName: PATIENT.firstName,
            practitionerName: 'Dr Anne Le Goff',
            startsAt: '2027-01-05T10:00:00+01:00',
            address: '1 rue de la Gare',
            communeName: 'Auray',
            mode: 'in_person',
            reference: 'SNP-270105-ABCD',
          },
        ],
      );
      const id = inserted.rows[0].id;
      const sent = await eventually(async () => {
        const row = await client.query<{ status: string; attempts: number }>(
          'SELECT status, attempts FROM notification WHERE id = $1',
          [id],
        );
        return row.rows[0].status === 'sent' ? row.rows[0] : undefined;
      });
      expect(sent.attempts).toBe(1);
      // The job went through BullMQ's own schema in this PostgreSQL, not through a Redis.
      const schema = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'bullmq'`,
      );
      expect(schema.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('keeps patient data out of the logs, whatever the request', async () => {
    const headers = { ...bearer('coordinator'), 'content-type': 'application/json' };
    const bodies = [
      JSON.stringify({
        role: 'platform',
        label: `${PATIENT.firstName} ${PATIENT.lastName}`,
        patient: PATIENT,
      }),
      `{"patient": {"lastName": "${PATIENT.lastName}", "phone": "${PATIENT.phone}"`,
    ];
    for (const body of bodies) {
      await fetch(`${base()}/api/v1/access-tokens?name=${PATIENT.lastName}`, {
        method: 'POST',
        headers,
        body,
      });
    }
    await fetch(`${base()}/api/v1/unknown/${PATIENT.lastName}?phone=${PATIENT.phone}`, { headers });
    await fetch(`${base()}/api/v1/access-tokens`, {
      headers: { authorization: `Bearer ${PATIENT.phone}`, 'x-request-id': 'scan-1' },
    });
    const logs = await eventually(() =>
      Promise.resolve(service.output().includes('scan-1') && service.output()),
    );
    for (const value of [PATIENT.firstName, PATIENT.lastName, PATIENT.phone, '0612345678']) {
      expect(logs).not.toContain(value);
    }
  });

  it('stops within 10 seconds on SIGTERM, and keeps its data across a restart', async () => {
    // As if the demo had been left unused for a month: every slot is in the past, beyond the
    // horizon of the weekly patterns.
    await embedded(`UPDATE slot SET starts_at = starts_at - interval '30 days',
                                     ends_at = ends_at - interval '30 days'`);
    expect(await freeSlotsInTable()).toBe(0);
    const started = Date.now();
    expect(await service.stop('SIGTERM')).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    outputs.push(service.output());

    service = startServiceProcess(env());
    await ready();
    expect(service.output()).not.toContain('Demo territory seeded');
    expect(service.output()).toContain('Demo slots renewed for the next 48 hours');
    expect(await freeSlotsInTable()).toBeGreaterThan(0);
    const [kept] = await embedded<{ n: number }>(
      `SELECT count(*)::int AS n FROM slot WHERE starts_at < now() - interval '1 day'`,
    );
    expect(kept.n).toBeGreaterThan(0);
    const listed = await fetch(`${base()}/api/v1/access-tokens`, { headers: bearer('platform') });
    expect(listed.status).toBe(403);
    const again = await fetch(`${base()}/api/v1/access-tokens`, { headers: bearer('coordinator') });
    expect(again.status).toBe(200);
  }, 120_000);
});

describe('configuration', () => {
  it('stops with one clear line naming a bad variable', async () => {
    const service = startServiceProcess({ ORIENTATION_DEADLINE: 'two days' });
    expect(await service.exit).toBe(1);
    expect(service.output().trim()).toBe(
      'ORIENTATION_DEADLINE must be a duration such as 48h, got "two days"',
    );
  });
});
