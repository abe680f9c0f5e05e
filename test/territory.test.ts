import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { CommunesService } from '../src/territory/communes.service';
import { runCli } from './support/cli';
import { expectProblem } from './support/problem';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const AURAY = '56007';
const BRECH = '56023';

describe('territory and communes', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let practitionerToken: string;

  const perimeters = () =>
    t.db.system((manager) =>
      manager.query<Array<{ slug: string; name: string; commune_codes: string[] }>>(
        'SELECT slug, name, commune_codes FROM cpts ORDER BY slug',
      ),
    );

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('auray');
    b = await t.tenant('other');
    await t
      .http(a.coordinator)
      .put('/api/v1/territory')
      .send({
        name: "CPTS du Pays d'Auray",
        communeCodes: [AURAY, BRECH],
      });
    const created = await t
      .http(a.coordinator)
      .post('/api/v1/practitioners')
      .send({
        rpps: '10000000001',
        firstName: 'Anne',
        lastName: 'Le Goff',
        email: 'anne@example.org',
        phone: '0612345678',
        practice: { address: '1 rue', communeCode: AURAY },
        modes: ['in_person'],
        notify: { email: true, sms: false },
      });
    practitionerToken = await t.token(
      a.cpts.id,
      'practitioner',
      (created.body as { id: string }).id,
    );
  });

  afterAll(() => t?.close());

  describe('GET /communes', () => {
    it('finds every French commune by name, ignoring case and accents, best match first', async () => {
      const response = await t
        .http(a.platform)
        .get('/api/v1/communes')
        .query({ q: 'sainte anne d auray' });
      expect(response.status).toBe(200);
      expect(response.body.items[0]).toEqual({
        code: '56263',
        name: "Sainte-Anne-d'Auray",
        postalCodes: ['56400'],
        epciCode: '200043123',
        department: '56',
        inTerritory: false,
      });
      const corsica = await t.http(a.platform).get('/api/v1/communes').query({ q: 'AJACCIO' });
      expect(corsica.body.items[0]).toEqual(
        expect.objectContaining({ code: '2A004', department: '2A' }),
      );
    });

    it('matches postal codes by prefix and says which communes lie in the caller CPTS', async () => {
      const response = await t.http(a.coordinator).get('/api/v1/communes').query({ q: '56400' });
      const byCode = new Map(
        (response.body.items as Array<{ code: string; inTerritory: boolean }>).map((c) => [
          c.code,
          c.inTerritory,
        ]),
      );
      expect(byCode.get(AURAY)).toBe(true);
      expect(byCode.get(BRECH)).toBe(true);
      expect(byCode.get('56263')).toBe(false);
      const other = await t.http(b.coordinator).get('/api/v1/communes').query({ code: AURAY });
      expect(other.body.items).toEqual([
        expect.objectContaining({ code: AURAY, inTerritory: false }),
      ]);
    });

    it('pages 50 by default with an opaque cursor, and up to the limit asked', async () => {
      const first = await t.http(practitionerToken).get('/api/v1/communes').query({ q: 'saint' });
      expect(first.body.items).toHaveLength(50);
      expect(typeof first.body.nextCursor).toBe('string');
      const second = await t
        .http(a.coordinator)
        .get('/api/v1/communes')
        .query({ q: 'saint', cursor: first.body.nextCursor, limit: 500 });
      expect(second.body.items).toHaveLength(500);
      const firstCodes = new Set((first.body.items as Array<{ code: string }>).map((c) => c.code));
      expect(
        (second.body.items as Array<{ code: string }>).some((c) => firstCodes.has(c.code)),
      ).toBe(false);
      const all = await t.http(a.coordinator).get('/api/v1/communes').query({ limit: 500 });
      expect(all.body.items).toHaveLength(500);
    });

    it.each([
      ['limit', { limit: 501 }],
      ['limit', { limit: 'many' }],
      ['code', { code: '123' }],
      ['cursor', { cursor: 'nonsense' }],
      ['q', { q: 'x'.repeat(101) }],
      ['unknown', { unknown: 'x' }],
    ])('answers 400 naming %s for a bad query', async (field, query) => {
      expectProblem(await t.http(a.coordinator).get('/api/v1/communes').query(query), 400, field);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get('/api/v1/communes'), 401);
    });
  });

  describe('GET and PUT /territory', () => {
    it('gives the caller CPTS perimeter with commune names', async () => {
      const response = await t.http(a.platform).get('/api/v1/territory');
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        name: "CPTS du Pays d'Auray",
        finess: null,
        phone: null,
        smartPublication: false,
        smartPublicationUrl: null,
        communeCodes: [AURAY, BRECH],
        communes: [
          { code: AURAY, name: 'Auray' },
          { code: BRECH, name: 'Brech' },
        ],
      });
      const other = await t.http(b.coordinator).get('/api/v1/territory');
      expect(other.body).toEqual({
        name: 'CPTS other',
        finess: null,
        phone: null,
        smartPublication: false,
        smartPublicationUrl: null,
        communeCodes: [],
        communes: [],
      });
    });

    it('lets the coordinator change its own CPTS only', async () => {
      const response = await t
        .http(b.coordinator)
        .put('/api/v1/territory')
        .send({ name: 'CPTS de Quiberon', communeCodes: ['56186'] });
      expect(response.status).toBe(200);
      expect(response.body.communeCodes).toEqual(['56186']);
      expect(await perimeters()).toEqual([
        { slug: 'auray', name: "CPTS du Pays d'Auray", commune_codes: [AURAY, BRECH] },
        { slug: 'other', name: 'CPTS de Quiberon', commune_codes: ['56186'] },
      ]);
    });

    it('records the FINESS and phone the SAS needs, keeps them when left out, clears them with null', async () => {
      const put = (body: object) => t.http(b.coordinator).put('/api/v1/territory').send(body);
      const named = { name: 'CPTS de Quiberon', communeCodes: ['56186'] };
      const set = await put({ ...named, finess: '560012345', phone: '02 97 50 00 00' }).expect(200);
      expect(set.body).toMatchObject({ finess: '560012345', phone: '+33297500000' });
      const kept = await put(named).expect(200);
      expect(kept.body).toMatchObject({ finess: '560012345', phone: '+33297500000' });
      const cleared = await put({ ...named, finess: null, phone: null }).expect(200);
      expect(cleared.body).toMatchObject({ finess: null, phone: null });
    });

    it.each([
      ['finess', { name: 'X', communeCodes: [], finess: '56001234' }],
      ['finess', { name: 'X', communeCodes: [], finess: '2A0012345' }],
      ['phone', { name: 'X', communeCodes: [], phone: '12' }],
      ['communeCodes', { name: 'X', communeCodes: ['56999'] }],
      ['communeCodes', { name: 'X', communeCodes: ['not a code'] }],
      ['communeCodes', { name: 'X', communeCodes: [AURAY, AURAY] }],
      ['communeCodes', { name: 'X' }],
      ['name', { name: '', communeCodes: [] }],
      ['extra', { name: 'X', communeCodes: [], extra: 1 }],
    ])('answers 400 naming %s and changes nothing', async (field, body) => {
      const before = await perimeters();
      expectProblem(await t.http(a.coordinator).put('/api/v1/territory').send(body), 400, field);
      expect(await perimeters()).toEqual(before);
    });

    it('answers 403 to the platform and practitioner roles, changing nothing', async () => {
      const before = await perimeters();
      const body = { name: 'X', communeCodes: [] };
      expectProblem(await t.http(a.platform).put('/api/v1/territory').send(body), 403);
      expectProblem(await t.http(practitionerToken).put('/api/v1/territory').send(body), 403);
      expect(await perimeters()).toEqual(before);
    });
  });

  describe('commune centres', () => {
    const dir = mkdtempSync(join(tmpdir(), 'centres-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('imports a centres file with the CLI, rejecting unknown codes and bad lines', async () => {
      const file = join(dir, 'centres.csv');
      writeFileSync(
        file,
        [
          'code_commune_insee;nom;latitude;longitude',
          '56007;Auray;47,668;-2,982',
          '56999;Nowhere;47;-3',
          '56023;Brech;north;-2.999',
          '56186;Quiberon;47.484;-3.12',
        ].join('\n'),
      );
      const run = runCli(t.database.url, ['communes:import-centres', file]);
      expect(run.stderr).not.toMatch(/Error/);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('imported 2 commune centres, rejected 2 lines');
      expect(run.stdout).toContain('line 3: code 56999 is not a current French commune');
      expect(run.stdout).toMatch(/line 4: latitude must be a number/);
      const places = await t.app.get(CommunesService).places([AURAY, BRECH, '56186']);
      expect(places.get(AURAY)).toEqual({
        communeCode: AURAY,
        epciCode: '200043123',
        department: '56',
        point: { latitude: 47.668, longitude: -2.982 },
      });
      expect(places.get(BRECH)?.point).toBeNull();
      expect(places.get('56186')?.point).toEqual({ latitude: 47.484, longitude: -3.12 });
    });

    it('uses a centre moved by an import at once, though it keeps centres it has read', async () => {
      const communes = t.app.get(CommunesService);
      const csv = (latitude: string) =>
        ['code_commune_insee;nom;latitude;longitude', `56186;Quiberon;${latitude};-3.12`].join(
          '\n',
        );
      expect((await communes.place('56186'))?.point).toEqual({
        latitude: 47.484,
        longitude: -3.12,
      });
      await communes.importCentres(csv('47.5'));
      expect((await communes.place('56186'))?.point).toEqual({ latitude: 47.5, longitude: -3.12 });
      await communes.importCentres(csv('47.484'));
      expect((await communes.place('56186'))?.point).toEqual({
        latitude: 47.484,
        longitude: -3.12,
      });
    });

    it('keeps a copy of every centre in memory, and reads a centre the copy lacks', async () => {
      const communes = t.app.get(CommunesService);
      // A centre no call has asked for yet: only a copy of the whole table holds it.
      await t.db.system((manager) =>
        manager.query(
          `INSERT INTO commune_centre (code, latitude, longitude) VALUES ('56034', 47.584, -3.078)`,
        ),
      );
      await communes.copyCentres();
      // Served from the copy: gone from the database, the centre is still known to this instance.
      await t.db.system((manager) =>
        manager.query(`DELETE FROM commune_centre WHERE code = '56034'`),
      );
      expect((await communes.place('56034'))?.point).toEqual({
        latitude: 47.584,
        longitude: -3.078,
      });
      // Added after the copy was made (another instance's import): read from the database.
      await t.db.system((manager) =>
        manager.query(
          `INSERT INTO commune_centre (code, latitude, longitude) VALUES ('${BRECH}', 47.61, -2.99)`,
        ),
      );
      expect((await communes.place(BRECH))?.point).toEqual({ latitude: 47.61, longitude: -2.99 });
      // An import here replaces the copy at once.
      await communes.saveCentres([{ code: '56186', latitude: 47.49, longitude: -3.12 }]);
      expect((await communes.place('56186'))?.point).toEqual({ latitude: 47.49, longitude: -3.12 });
      await communes.saveCentres([{ code: '56186', latitude: 47.484, longitude: -3.12 }]);
      await t.db.system((manager) =>
        manager.query(`DELETE FROM commune_centre WHERE code = '${BRECH}'`),
      );
    });

    it('keeps the centres out of the tenants’ reach for writing', async () => {
      await expect(
        t.db.tenant(a.cpts.id, (manager) =>
          manager.query(`UPDATE commune_centre SET latitude = 0 WHERE code = '56007'`),
        ),
      ).rejects.toThrow(/permission denied/);
      const read = await t.db.tenant(a.cpts.id, (manager) =>
        manager.query<unknown[]>('SELECT * FROM commune_centre'),
      );
      expect(read.length).toBeGreaterThan(0);
    });
  });
});
