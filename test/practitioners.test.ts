import { expectProblem } from './support/problem';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const AURAY = '56007';

function practitioner(rpps: string, overrides: Record<string, unknown> = {}) {
  return {
    rpps,
    firstName: 'Anne',
    lastName: `Le Goff ${rpps.slice(-3)}`,
    email: `anne.${rpps}@example.org`,
    phone: '06 12 34 56 78',
    practice: { address: '2 rue du Port', communeCode: AURAY },
    modes: ['in_person', 'teleconsultation'],
    notify: { email: true, sms: false },
    ...overrides,
  };
}

describe('practitioners', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let anne: { id: string };
  let paul: { id: string };
  let anneToken: string;
  let paulToken: string;

  /** Every practitioner row of every CPTS, to show a refused request changed nothing. */
  const rows = () =>
    t.db.system((manager) => manager.query<unknown[]>('SELECT * FROM practitioner ORDER BY id'));

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
    await t.db.system((manager) =>
      manager.query(`INSERT INTO commune_centre VALUES ('56007', 47.668, -2.982)`),
    );
    anne = (
      await t.http(a.coordinator).post('/api/v1/practitioners').send(practitioner('10000000001'))
    ).body as { id: string };
    paul = (
      await t
        .http(a.coordinator)
        .post('/api/v1/practitioners')
        .send(
          practitioner('10000000002', {
            firstName: 'Paul',
            practice: {
              address: '1 place',
              communeCode: '56186',
              latitude: 47.48,
              longitude: -3.12,
            },
          }),
        )
    ).body as { id: string };
    anneToken = await t.token(a.cpts.id, 'practitioner', anne.id);
    paulToken = await t.token(a.cpts.id, 'practitioner', paul.id);
  });

  afterAll(() => t?.close());

  describe('POST /practitioners', () => {
    it('creates a practitioner, phone in E.164, practice at its commune centre when not given', async () => {
      const response = await t
        .http(a.coordinator)
        .post('/api/v1/practitioners')
        .send(practitioner('10000000003', { languages: ['fr', 'br'], weeklyUrgentCap: 15 }));
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        rpps: '10000000003',
        firstName: 'Anne',
        lastName: 'Le Goff 003',
        email: 'anne.10000000003@example.org',
        phone: '+33612345678',
        practice: {
          address: '2 rue du Port',
          communeCode: AURAY,
          communeName: 'Auray',
          latitude: 47.668,
          longitude: -2.982,
          structure: null,
        },
        modes: ['in_person', 'teleconsultation'],
        languages: ['fr', 'br'],
        weeklyUrgentCap: 15,
        notify: { email: true, sms: false },
        active: true,
        sasPublication: false,
        newPatients: {
          accepting: false,
          openPlaces: 0,
          ageMin: null,
          ageMax: null,
          communeCodes: null,
          updatedAt: null,
        },
        availabilityUpdatedAt: null,
      });
    });

    it('keeps given coordinates, and defaults languages to French and the weekly cap to 20', async () => {
      const response = await t.http(a.coordinator).get(`/api/v1/practitioners/${paul.id}`);
      expect(response.body.practice).toEqual({
        address: '1 place',
        communeCode: '56186',
        communeName: 'Quiberon',
        latitude: 47.48,
        longitude: -3.12,
        structure: null,
      });
      expect(response.body.languages).toEqual(['fr']);
      expect(response.body.weeklyUrgentCap).toBe(20);
    });

    it('leaves the point unknown when neither coordinates nor a commune centre are known', async () => {
      const response = await t
        .http(a.coordinator)
        .post('/api/v1/practitioners')
        .send(
          practitioner('10000000004', { practice: { address: '1 rue', communeCode: '2A004' } }),
        );
      expect(response.status).toBe(201);
      expect(response.body.practice).toEqual(
        expect.objectContaining({ communeName: 'Ajaccio', latitude: null, longitude: null }),
      );
    });

    it('answers 409 to a duplicate RPPS in the same CPTS, and accepts it in another', async () => {
      const before = await rows();
      expectProblem(
        await t.http(a.coordinator).post('/api/v1/practitioners').send(practitioner('10000000001')),
        409,
      );
      expect(await rows()).toEqual(before);
      const other = await t
        .http(b.coordinator)
        .post('/api/v1/practitioners')
        .send(practitioner('10000000001'));
      expect(other.status).toBe(201);
    });

    it.each([
      ['rpps', { rpps: '1234' }],
      ['rpps', { rpps: '1000000000a' }],
      ['firstName', { firstName: '' }],
      ['lastName', { lastName: undefined }],
      ['email', { email: 'not-an-email' }],
      ['phone', { phone: '0612' }],
      ['phone', { phone: 612345678 }],
      ['practice', { practice: undefined }],
      ['practice.address', { practice: { communeCode: AURAY } }],
      ['practice.communeCode', { practice: { address: '1 rue', communeCode: '5600' } }],
      ['practice.communeCode', { practice: { address: '1 rue', communeCode: '56999' } }],
      [
        'practice.longitude',
        { practice: { address: '1 rue', communeCode: AURAY, latitude: 47.6 } },
      ],
      [
        'practice.latitude',
        { practice: { address: '1 rue', communeCode: AURAY, latitude: 91, longitude: 0 } },
      ],
      ['practice.extra', { practice: { address: '1 rue', communeCode: AURAY, extra: 1 } }],
      ['modes', { modes: [] }],
      ['modes', { modes: ['astral'] }],
      ['modes', { modes: ['in_person', 'in_person'] }],
      ['languages', { languages: ['french'] }],
      ['languages', { languages: ['zz'] }],
      ['weeklyUrgentCap', { weeklyUrgentCap: 101 }],
      ['weeklyUrgentCap', { weeklyUrgentCap: 2.5 }],
      ['notify', { notify: undefined }],
      ['notify.sms', { notify: { email: true } }],
      ['active', { active: false }],
    ])('answers 400 naming %s and stores nothing', async (field, overrides) => {
      const before = await rows();
      const response = await t
        .http(a.coordinator)
        .post('/api/v1/practitioners')
        .send(practitioner('10000000099', overrides));
      expectProblem(response, 400, field);
      expect(await rows()).toEqual(before);
    });

    it('answers 403 to the platform and practitioner roles', async () => {
      const before = await rows();
      for (const token of [a.platform, anneToken]) {
        expectProblem(
          await t.http(token).post('/api/v1/practitioners').send(practitioner('10000000098')),
          403,
        );
      }
      expect(await rows()).toEqual(before);
    });
  });

  describe('GET /practitioners', () => {
    it('pages with an opaque cursor in name order, and never shows another CPTS', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const response = await t
          .http(a.platform)
          .get('/api/v1/practitioners')
          .query({ limit: 2, ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        expect(response.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...(response.body.items as Array<{ lastName: string }>).map((p) => p.lastName));
        cursor = response.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(['Le Goff 001', 'Le Goff 002', 'Le Goff 003', 'Le Goff 004']);
      const other = await t.http(b.coordinator).get('/api/v1/practitioners');
      expect(other.body.items).toHaveLength(1);
      expect(other.body.nextCursor).toBeNull();
    });

    it('filters by commune and by the active flag', async () => {
      const inQuiberon = await t
        .http(a.coordinator)
        .get('/api/v1/practitioners')
        .query({ communeCode: '56186' });
      expect((inQuiberon.body.items as Array<{ id: string }>).map((p) => p.id)).toEqual([paul.id]);
      const inactive = await t
        .http(a.coordinator)
        .get('/api/v1/practitioners')
        .query({ active: 'false' });
      expect(inactive.body.items).toEqual([]);
    });

    it('lists the practitioners whose availability is stale or was never given', async () => {
      await t
        .http(a.coordinator)
        .put(`/api/v1/practitioners/${anne.id}/new-patient-capacity`)
        .send({ accepting: false, openPlaces: 0 });
      const stale = await t
        .http(a.coordinator)
        .get('/api/v1/practitioners')
        .query({ staleDays: 7 });
      const ids = (stale.body.items as Array<{ id: string }>).map((p) => p.id);
      expect(ids).toContain(paul.id);
      expect(ids).not.toContain(anne.id);
      await t.db.system((manager) =>
        manager.query(
          `UPDATE practitioner SET availability_updated_at = now() - interval '8 days' WHERE id = $1`,
          [anne.id],
        ),
      );
      const later = await t
        .http(a.coordinator)
        .get('/api/v1/practitioners')
        .query({ staleDays: 7 });
      expect((later.body.items as Array<{ id: string }>).map((p) => p.id)).toContain(anne.id);
    });

    it.each([
      ['limit', { limit: 0 }],
      ['limit', { limit: 501 }],
      ['active', { active: 'yes' }],
      ['communeCode', { communeCode: 'Auray' }],
      ['staleDays', { staleDays: -1 }],
      ['cursor', { cursor: 'bad' }],
      ['cursor', { cursor: Buffer.from('["a","b","not-a-uuid"]').toString('base64url') }],
    ])('answers 400 naming %s', async (field, query) => {
      expectProblem(
        await t.http(a.coordinator).get('/api/v1/practitioners').query(query),
        400,
        field,
      );
    });

    it('answers 403 to a practitioner token', async () => {
      expectProblem(await t.http(anneToken).get('/api/v1/practitioners'), 403);
    });
  });

  describe('GET and PATCH /practitioners/{id}', () => {
    it('shows a practitioner to the coordinator, the platform and the practitioner itself', async () => {
      for (const token of [a.coordinator, a.platform, anneToken]) {
        const response = await t.http(token).get(`/api/v1/practitioners/${anne.id}`);
        expect(response.status).toBe(200);
        expect(response.body.id).toBe(anne.id);
      }
    });

    it('answers 403 to a practitioner token on another practitioner, 404 across CPTS, 400 on a bad id', async () => {
      expectProblem(await t.http(anneToken).get(`/api/v1/practitioners/${paul.id}`), 403);
      expectProblem(await t.http(b.coordinator).get(`/api/v1/practitioners/${anne.id}`), 404);
      expectProblem(await t.http(a.coordinator).get('/api/v1/practitioners/not-a-uuid'), 400, 'id');
    });

    it('lets the coordinator change anything, rpps and active included', async () => {
      const response = await t
        .http(a.coordinator)
        .patch(`/api/v1/practitioners/${paul.id}`)
        .send({ rpps: '10000000012', active: false, phone: '+33 6 98 76 54 32' });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({ rpps: '10000000012', active: false, phone: '+33698765432' }),
      );
      await t.http(a.coordinator).patch(`/api/v1/practitioners/${paul.id}`).send({ active: true });
    });

    it('lets a practitioner change its own profile, moving the practice to the new commune centre', async () => {
      const response = await t
        .http(paulToken)
        .patch(`/api/v1/practitioners/${paul.id}`)
        .send({
          practice: { address: '9 rue', communeCode: AURAY },
          notify: { email: false, sms: true },
          languages: ['fr', 'en'],
        });
      expect(response.status).toBe(200);
      expect(response.body).toEqual(
        expect.objectContaining({
          practice: {
            address: '9 rue',
            communeCode: AURAY,
            communeName: 'Auray',
            latitude: 47.668,
            longitude: -2.982,
            structure: null,
          },
          notify: { email: false, sms: true },
          languages: ['fr', 'en'],
        }),
      );
    });

    it.each([
      ['rpps', { rpps: '10000000013' }],
      ['active', { active: false }],
    ])(
      'answers 403 when a practitioner changes its own %s, changing nothing',
      async (_field, body) => {
        const before = await rows();
        expectProblem(
          await t.http(anneToken).patch(`/api/v1/practitioners/${anne.id}`).send(body),
          403,
        );
        expect(await rows()).toEqual(before);
      },
    );

    it('answers 403 to a practitioner patching another, 404 across CPTS, 409 on a taken RPPS', async () => {
      const before = await rows();
      expectProblem(
        await t.http(anneToken).patch(`/api/v1/practitioners/${paul.id}`).send({ firstName: 'X' }),
        403,
      );
      expectProblem(
        await t.http(a.platform).patch(`/api/v1/practitioners/${paul.id}`).send({ firstName: 'X' }),
        403,
      );
      expectProblem(
        await t
          .http(b.coordinator)
          .patch(`/api/v1/practitioners/${paul.id}`)
          .send({ firstName: 'X' }),
        404,
      );
      expectProblem(
        await t
          .http(a.coordinator)
          .patch(`/api/v1/practitioners/${paul.id}`)
          .send({ rpps: '10000000001' }),
        409,
      );
      expect(await rows()).toEqual(before);
    });

    it.each([
      ['firstName', { firstName: null }],
      ['email', { email: 'nope' }],
      ['phone', { phone: '12' }],
      ['practice.communeCode', { practice: { address: '1 rue', communeCode: '56999' } }],
      ['modes', { modes: [] }],
      ['unknown', { unknown: 1 }],
    ])('answers 400 naming %s, changing nothing', async (field, body) => {
      const before = await rows();
      expectProblem(
        await t.http(a.coordinator).patch(`/api/v1/practitioners/${anne.id}`).send(body),
        400,
        field,
      );
      expect(await rows()).toEqual(before);
    });
  });

  describe('SAS publication and practice structure', () => {
    it('defaults to no consent and no structure, and records both when given', async () => {
      const plain = await t.http(a.coordinator).get(`/api/v1/practitioners/${anne.id}`).expect(200);
      expect(plain.body).toMatchObject({ sasPublication: false, practice: { structure: null } });
      const created = await t
        .http(a.coordinator)
        .post('/api/v1/practitioners')
        .send(
          practitioner('10000000091', {
            sasPublication: true,
            practice: {
              address: '2 rue du Port',
              communeCode: AURAY,
              structure: { type: 'rpps_rang', value: '1000000009101' },
            },
          }),
        )
        .expect(201);
      expect(created.body).toMatchObject({
        sasPublication: true,
        practice: { structure: { type: 'rpps_rang', value: '1000000009101' } },
      });
    });

    it('lets the GP and the coordinator set the consent, and the coordinator the structure', async () => {
      const consent = (token: string, value: boolean) =>
        t
          .http(token)
          .put(`/api/v1/practitioners/${paul.id}/sas-publication`)
          .send({ sasPublication: value });
      expect((await consent(paulToken, true).expect(200)).body.sasPublication).toBe(true);
      expect((await consent(a.coordinator, false).expect(200)).body.sasPublication).toBe(false);
      expectProblem(await consent(anneToken, true), 403);
      expectProblem(await consent(a.platform, true), 403);
      expectProblem(await consent(b.coordinator, true), 404);
      expectProblem(
        await t
          .http(paulToken)
          .put(`/api/v1/practitioners/${paul.id}/sas-publication`)
          .send({ sasPublication: 'yes' }),
        400,
        'sasPublication',
      );
      const patched = await t
        .http(a.coordinator)
        .patch(`/api/v1/practitioners/${paul.id}`)
        .send({
          sasPublication: true,
          practice: {
            address: '1 place',
            communeCode: '56186',
            structure: { type: 'siret', value: '12345678901234' },
          },
        })
        .expect(200);
      expect(patched.body).toMatchObject({
        sasPublication: true,
        practice: { structure: { type: 'siret', value: '12345678901234' } },
      });
    });

    it.each([
      ['practice.structure.value', { type: 'finess', value: '12345' }],
      ['practice.structure.value', { type: 'siret', value: '1234567890123' }],
      ['practice.structure.value', { type: 'rpps_rang', value: '10000000091' }],
      ['practice.structure.type', { type: 'siren', value: '123456789' }],
    ])('answers 400 naming %s for a malformed structure %p', async (field, structure) => {
      const before = await rows();
      expectProblem(
        await t
          .http(a.coordinator)
          .post('/api/v1/practitioners')
          .send(
            practitioner('10000000092', {
              practice: { address: '2 rue du Port', communeCode: AURAY, structure },
            }),
          ),
        400,
        field,
      );
      expect(await rows()).toEqual(before);
    });

    it('refuses a malformed structure in the database too', async () => {
      await expect(
        t.db.system((manager) =>
          manager.query(
            `UPDATE practitioner SET structure_id_type = 'finess', structure_id = '12' WHERE id = $1`,
            [anne.id],
          ),
        ),
      ).rejects.toThrow(/practitioner_structure_id/);
      await expect(
        t.db.system((manager) =>
          manager.query(`UPDATE cpts SET finess = '12' WHERE id = $1`, [a.cpts.id]),
        ),
      ).rejects.toThrow(/cpts_finess_format/);
    });
  });

  describe('PUT /practitioners/{id}/new-patient-capacity', () => {
    it('sets the capacity, stamps the capacity and availability times, and records an event', async () => {
      const response = await t
        .http(anneToken)
        .put(`/api/v1/practitioners/${anne.id}/new-patient-capacity`)
        .send({ accepting: true, openPlaces: 3, ageMin: 18, ageMax: 70, communeCodes: [AURAY] });
      expect(response.status).toBe(200);
      expect(response.body.newPatients).toEqual({
        accepting: true,
        openPlaces: 3,
        ageMin: 18,
        ageMax: 70,
        communeCodes: [AURAY],
        updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[12]:00$/),
      });
      expect(response.body.availabilityUpdatedAt).toBe(response.body.newPatients.updatedAt);
      const events = await t.db.system((manager) =>
        manager.query<Array<{ payload: { practitionerId: string; openPlaces: number } }>>(
          `SELECT payload FROM availability_event WHERE type = 'capacity.updated' ORDER BY id DESC LIMIT 1`,
        ),
      );
      expect(events[0].payload).toEqual(
        expect.objectContaining({ practitionerId: anne.id, openPlaces: 3 }),
      );
    });

    it('clears the optional limits a new PUT leaves out', async () => {
      const response = await t
        .http(a.coordinator)
        .put(`/api/v1/practitioners/${anne.id}/new-patient-capacity`)
        .send({ accepting: true, openPlaces: 2 });
      expect(response.body.newPatients).toEqual(
        expect.objectContaining({ openPlaces: 2, ageMin: null, ageMax: null, communeCodes: null }),
      );
    });

    it.each([
      ['openPlaces', { accepting: true, openPlaces: -1 }],
      ['openPlaces', { accepting: true }],
      ['accepting', { accepting: 'yes', openPlaces: 1 }],
      ['ageMax', { accepting: true, openPlaces: 1, ageMin: 70, ageMax: 18 }],
      ['ageMin', { accepting: true, openPlaces: 1, ageMin: -3 }],
      ['communeCodes', { accepting: true, openPlaces: 1, communeCodes: ['56999'] }],
      ['communeCodes', { accepting: true, openPlaces: 1, communeCodes: 'Auray' }],
    ])('answers 400 naming %s, changing nothing', async (field, body) => {
      const before = await rows();
      expectProblem(
        await t
          .http(a.coordinator)
          .put(`/api/v1/practitioners/${anne.id}/new-patient-capacity`)
          .send(body),
        400,
        field,
      );
      expect(await rows()).toEqual(before);
    });

    it('answers 403 to a practitioner token on another practitioner and to the platform, 404 across CPTS', async () => {
      const before = await rows();
      const body = { accepting: true, openPlaces: 9 };
      const path = `/api/v1/practitioners/${paul.id}/new-patient-capacity`;
      expectProblem(await t.http(anneToken).put(path).send(body), 403);
      expectProblem(await t.http(a.platform).put(path).send(body), 403);
      expectProblem(await t.http(b.coordinator).put(path).send(body), 404);
      expect(await rows()).toEqual(before);
    });
  });

  describe('practitioner tokens', () => {
    it('are issued by the coordinator for a practitioner of the CPTS and reach only that practitioner', async () => {
      const issued = await t
        .http(a.coordinator)
        .post('/api/v1/access-tokens')
        .send({ role: 'practitioner', label: 'Dr Paul', practitionerId: paul.id });
      expect(issued.status).toBe(201);
      const token = issued.body.token as string;
      expect((await t.http(token).get(`/api/v1/practitioners/${paul.id}`)).status).toBe(200);
      expectProblem(await t.http(token).get(`/api/v1/practitioners/${anne.id}`), 403);
      expectProblem(
        await t
          .http(token)
          .put(`/api/v1/practitioners/${anne.id}/new-patient-capacity`)
          .send({ accepting: true, openPlaces: 1 }),
        403,
      );
      expectProblem(
        await t
          .http(b.coordinator)
          .post('/api/v1/access-tokens')
          .send({ role: 'practitioner', label: 'x', practitionerId: paul.id }),
        404,
      );
    });
  });
});
