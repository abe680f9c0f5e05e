import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCli } from './support/cli';
import { expectProblem } from './support/problem';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const HEADER = 'rpps;nom;prenom;email;telephone;adresse;code_commune;modes;langues;notif_sms';

function row(index: number, overrides: Partial<Record<'commune' | 'phone' | 'name', string>> = {}) {
  const rpps = String(10_000_000_000 + index);
  return [
    rpps,
    overrides.name ?? `Nom ${index}`,
    'Prénom',
    `gp${index}@example.org`,
    overrides.phone ?? '06 12 34 56 78',
    `${index} rue du Port`,
    overrides.commune ?? '56007',
    'cabinet,téléconsultation',
    'fr',
    'non',
  ].join(';');
}

function csv(lines: string[]): string {
  return [HEADER, ...lines].join('\n') + '\n';
}

describe('practitioners import', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  const count = (cptsId: string) =>
    t.db.tenant(cptsId, async (manager) => {
      const [{ n }] = await manager.query<Array<{ n: number }>>(
        'SELECT count(*)::int AS n FROM practitioner',
      );
      return n;
    });
  const rows = () =>
    t.db.system((manager) => manager.query<unknown[]>('SELECT * FROM practitioner ORDER BY id'));
  const upload = (token: string, body: string, type = 'text/csv') =>
    t.http(token).post('/api/v1/practitioners/import').set('Content-Type', type).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
  });

  afterAll(() => t?.close());

  it('creates the good rows and rejects each bad row alone, with its line and columns', async () => {
    const response = await upload(
      a.coordinator,
      csv([row(1), row(2, { commune: '56999' }), '', row(3, { phone: '0612' }), row(4), row(1)]),
    );
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      created: 2,
      updated: 0,
      rejected: [
        { line: 3, errors: [{ field: 'code_commune', message: expect.stringContaining('56999') }] },
        {
          line: 5,
          errors: [{ field: 'telephone', message: expect.stringContaining('telephone') }],
        },
        {
          line: 7,
          errors: [{ field: 'rpps', message: 'rpps 10000000001 already appears on line 2' }],
        },
      ],
    });
    const list = await t.http(a.coordinator).get('/api/v1/practitioners');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        rpps: '10000000001',
        phone: '+33612345678',
        modes: ['in_person', 'teleconsultation'],
        notify: { email: true, sms: false },
      }),
      expect.objectContaining({ rpps: '10000000004' }),
    ]);
  });

  it('is idempotent by RPPS: a second import updates, creating nothing', async () => {
    const before = await count(a.cpts.id);
    const response = await upload(a.coordinator, csv([row(1, { name: 'Renommé' }), row(4)]));
    expect(response.body).toEqual({ created: 0, updated: 2, rejected: [] });
    expect(await count(a.cpts.id)).toBe(before);
    const list = await t.http(a.coordinator).get('/api/v1/practitioners');
    expect((list.body.items as Array<{ lastName: string }>).map((p) => p.lastName)).toContain(
      'Renommé',
    );
    expect(await count(b.cpts.id)).toBe(0);
  });

  it('answers 400 naming the missing columns of the header, importing nothing', async () => {
    const before = await rows();
    const response = await upload(a.coordinator, 'rpps;nom\n10000000009;Nom\n');
    expectProblem(response, 400, 'code_commune');
    expect(await rows()).toEqual(before);
  });

  it('answers 400 naming the body when it is not text/csv or empty', async () => {
    const before = await rows();
    expectProblem(
      await t.http(a.coordinator).post('/api/v1/practitioners/import').send({ rpps: 'x' }),
      400,
      'body',
    );
    expectProblem(await upload(a.coordinator, ''), 400, 'body');
    expect(await rows()).toEqual(before);
  });

  it('answers 403 to the platform and practitioner roles', async () => {
    const before = await rows();
    const list = await t.http(a.coordinator).get('/api/v1/practitioners');
    const practitioner = await t.token(a.cpts.id, 'practitioner', list.body.items[0].id as string);
    expectProblem(await upload(a.platform, csv([row(8)])), 403);
    expectProblem(await upload(practitioner, csv([row(8)])), 403);
    expect(await rows()).toEqual(before);
  });

  it('imports 10,000 rows in well under a minute', async () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => row(100_000 + index));
    const started = Date.now();
    const response = await upload(b.coordinator, csv(lines));
    const elapsed = Date.now() - started;
    process.stdout.write(`10,000-row practitioners import: ${elapsed} ms\n`);
    expect(response.body).toEqual({ created: 10_000, updated: 0, rejected: [] });
    expect(elapsed).toBeLessThan(60_000);
    expect(await count(b.cpts.id)).toBe(10_000);
  });

  it('imports a file from the command line into the CPTS named by --cpts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'practitioners-'));
    try {
      const file = join(dir, 'medecins.csv');
      writeFileSync(file, csv([row(1), row(50), row(51, { commune: 'x' })]));
      const run = runCli(t.database.url, ['practitioners:import', file, '--cpts', a.cpts.slug]);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`CPTS ${a.cpts.slug}: created 1, updated 1, rejected 1 lines`);
      expect(run.stdout).toMatch(/line 4: code_commune: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
