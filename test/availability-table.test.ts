import { PARIS_TIME_ZONE_SQL, parisIsoSql, toParisIso } from '../src/common/paris-time';
import { expectProblem } from './support/problem';
import { bookSlot, createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

interface Item {
  practitioner: { id: string; lastName: string; communeName: string | null };
  freeSlots: Array<{ id: string; startsAt: string }>;
}

describe('GET /availability, the live table (real PostgreSQL)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  const ids: Record<string, string> = {};

  const publish = (id: string, start: number, mode = 'in_person') =>
    t
      .http(a.coordinator)
      .post(`/api/v1/practitioners/${id}/slots`)
      .send({ startsAt: inMinutes(start), endsAt: inMinutes(start + 20), mode })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
    // Auray (56007), Quiberon (56186, same EPCI), Vannes (56260, another EPCI), Brest (29019).
    ids.auray = await createPractitioner(t, a.cpts.id, {
      lastName: 'Auray',
      communeCode: '56007',
      latitude: 47.668,
      longitude: -2.982,
      accepting: true,
      openPlaces: 3,
    });
    ids.quiberon = await createPractitioner(t, a.cpts.id, {
      lastName: 'Quiberon',
      communeCode: '56186',
    });
    ids.vannes = await createPractitioner(t, a.cpts.id, {
      lastName: 'Vannes',
      communeCode: '56260',
    });
    ids.brest = await createPractitioner(t, a.cpts.id, {
      lastName: 'Brest',
      communeCode: '29019',
      modes: ['in_person'],
    });
    ids.inactive = await createPractitioner(t, a.cpts.id, { lastName: 'Retraité', active: false });
    ids.other = await createPractitioner(t, b.cpts.id, { lastName: 'Ailleurs' });
    await publish(ids.brest, 60);
    await publish(ids.vannes, 120, 'teleconsultation');
    await publish(ids.quiberon, 180);
    const booked = await publish(ids.auray, 240);
    await bookSlot(t, booked.body.id);
    await publish(ids.auray, 60 * 47);
    await publish(ids.auray, 60 * 49);
    await createSlot(t, a.cpts.id, ids.inactive, 60);
  });

  afterAll(() => t.close());

  it('lists the active practitioners of the CPTS with their free slots of the next 48 hours', async () => {
    const response = await t.http(a.platform).get('/api/v1/availability').expect(200);
    expect(response.body.generatedAt).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?\+0[12]:00$/,
    );
    const items: Item[] = response.body.items;
    expect(items.map((item) => item.practitioner.lastName)).toEqual([
      'Brest',
      'Vannes',
      'Quiberon',
      'Auray',
    ]);
    const auray = response.body.items[3];
    expect(auray).toEqual({
      practitioner: {
        id: ids.auray,
        rpps: expect.stringMatching(/^\d{11}$/),
        firstName: 'Anne',
        lastName: 'Auray',
        communeCode: '56007',
        communeName: 'Auray',
      },
      newPatients: {
        accepting: true,
        openPlaces: 3,
        updatedAt: expect.stringMatching(/\+0[12]:00$/),
        expired: false,
      },
      freeSlots: [
        {
          id: expect.any(String),
          startsAt: expect.stringMatching(/\+0[12]:00$/),
          endsAt: expect.any(String),
          mode: 'in_person',
        },
      ],
      availabilityUpdatedAt: expect.stringMatching(/\+0[12]:00$/),
    });
  });

  it('ranks nearest first when a patient commune is given', async () => {
    const response = await t
      .http(a.coordinator)
      .get('/api/v1/availability')
      .query({ communeCode: '56007' })
      .expect(200);
    expect((response.body.items as Item[]).map((item) => item.practitioner.lastName)).toEqual([
      'Auray',
      'Quiberon',
      'Vannes',
      'Brest',
    ]);
  });

  it('filters by mode and window', async () => {
    const video = await t
      .http(a.coordinator)
      .get('/api/v1/availability')
      .query({ mode: 'teleconsultation' })
      .expect(200);
    expect(
      (video.body.items as Item[]).map((item) => [
        item.practitioner.lastName,
        item.freeSlots.length,
      ]),
    ).toEqual([
      ['Vannes', 1],
      ['Auray', 0],
      ['Quiberon', 0],
    ]);
    const late = await t
      .http(a.coordinator)
      .get('/api/v1/availability')
      .query({ from: inMinutes(60 * 48), to: inMinutes(60 * 50) })
      .expect(200);
    expect(late.body.items[0].practitioner.lastName).toBe('Auray');
    expect(late.body.items[0].freeSlots).toHaveLength(1);
  });

  it('answers 304 to If-None-Match until the content changes', async () => {
    const first = await t.http(a.platform).get('/api/v1/availability').expect(200);
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t
      .http(a.platform)
      .get('/api/v1/availability')
      .set('If-None-Match', etag)
      .expect(304);
    expect(again.text).toBe('');
    await publish(ids.quiberon, 300);
    const changed = await t
      .http(a.platform)
      .get('/api/v1/availability')
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('has PostgreSQL render times exactly as toParisIso renders the Dates they would become', async () => {
    const changes = ['2027-03-28T01:00:00Z', '2027-10-31T01:00:00Z', '1996-10-27T01:00:00Z'];
    const edges = changes.flatMap((at) => {
      const ms = Date.parse(at);
      return [ms - 1, ms, ms + 1, ms - 3_600_000, ms + 3_600_000];
    });
    // Spread over 1980-2100, whole minutes as slots are, and any millisecond.
    const spread = Array.from({ length: 2000 }, (_, n) => {
      const ms = Date.UTC(1980, 0, 1) + ((n * 7_919_993_111) % 3_786_912_000_000);
      return n % 2 === 0 ? ms - (ms % 60_000) : ms;
    });
    const rows = await t.db.system(async (manager) => {
      await manager.query(PARIS_TIME_ZONE_SQL);
      return manager.query<Array<{ at: Date; rendered: string }>>(
        `SELECT at, ${parisIsoSql('at')} AS rendered
           FROM unnest($1::float8[]) ms,
                LATERAL (VALUES (to_timestamp(ms / 1000)), (to_timestamp(ms / 1000) + interval '400 microseconds')) v(at)`,
        [[...edges, ...spread]],
      );
    });
    expect(rows).toHaveLength(2 * (edges.length + spread.length));
    const differing = rows.filter((row) => row.rendered !== toParisIso(row.at));
    expect(differing).toEqual([]);
  });

  it('is for the coordinator and the platform only', async () => {
    const practitioner = await t.token(a.cpts.id, 'practitioner', ids.auray);
    expectProblem(await t.http(practitioner).get('/api/v1/availability'), 403);
    expectProblem(await t.http().get('/api/v1/availability'), 401);
    const other = await t.http(b.coordinator).get('/api/v1/availability').expect(200);
    expect((other.body.items as Item[]).map((item) => item.practitioner.id)).toEqual([ids.other]);
  });

  it.each([
    ['communeCode', { communeCode: '5600' }],
    ['communeCode', { communeCode: '99999' }],
    ['mode', { mode: 'video' }],
    ['from', { from: '2027-01-01' }],
    ['to', { from: inMinutes(60), to: inMinutes(0) }],
    ['to', { from: inMinutes(0), to: inMinutes(60 * 24 * 15) }],
    ['extra', { extra: '1' }],
  ])('answers 400 naming %s', async (field, query) => {
    const response = await t.http(a.coordinator).get('/api/v1/availability').query(query);
    expectProblem(response, 400, field);
    expect(response.body.errors).toHaveLength(1);
  });
});
