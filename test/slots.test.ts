import { expectProblem } from './support/problem';
import {
  availabilityUpdatedAt,
  bookSlot,
  createPractitioner,
  createSlot,
  eventTypes,
  inMinutes,
  storedSlots,
} from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

describe('urgent slots (real PostgreSQL)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
  });

  afterAll(() => t.close());

  const slotsUrl = (id: string) => `/api/v1/practitioners/${id}/slots`;

  describe('POST /practitioners/{id}/slots', () => {
    it('publishes a free slot, renders Paris times, records the event and the update time', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      const before = await availabilityUpdatedAt(t, id);
      const response = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: '2027-01-15T09:00:00Z',
          endsAt: '2027-01-15T09:20:00Z',
          mode: 'in_person',
        })
        .expect(201);
      expect(response.body).toEqual({
        id: expect.any(String),
        practitionerId: id,
        startsAt: '2027-01-15T10:00:00+01:00',
        endsAt: '2027-01-15T10:20:00+01:00',
        mode: 'in_person',
        status: 'free',
      });
      expect(before).toBeNull();
      expect(await availabilityUpdatedAt(t, id)).toBeInstanceOf(Date);
      expect(await storedSlots(t, id)).toEqual([
        expect.objectContaining({ startsAt: '2027-01-15T09:00:00Z', status: 'free' }),
      ]);
      const [event] = await t.db.system((manager) =>
        manager.query(
          `SELECT type, payload FROM availability_event WHERE payload->>'slotId' = $1`,
          [response.body.id],
        ),
      );
      expect(event).toEqual({
        type: 'slot.published',
        payload: {
          slotId: response.body.id,
          practitionerId: id,
          startsAt: '2027-01-15T10:00:00+01:00',
          endsAt: '2027-01-15T10:20:00+01:00',
          mode: 'in_person',
        },
      });
    });

    it('renders times across the spring DST change (last Sunday of March)', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      // 01:30 CET to 03:30 CEST is one hour of real time.
      const response = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: '2027-03-28T01:30:00+01:00',
          endsAt: '2027-03-28T03:30:00+02:00',
          mode: 'in_person',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        startsAt: '2027-03-28T01:30:00+01:00',
        endsAt: '2027-03-28T03:30:00+02:00',
      });
      const later = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: '2027-03-28T08:00:00Z',
          endsAt: '2027-03-28T08:15:00Z',
          mode: 'in_person',
        })
        .expect(201);
      expect(later.body.startsAt).toBe('2027-03-28T10:00:00+02:00');
      expect(await storedSlots(t, id)).toEqual([
        expect.objectContaining({
          startsAt: '2027-03-28T00:30:00Z',
          endsAt: '2027-03-28T01:30:00Z',
        }),
        expect.objectContaining({ startsAt: '2027-03-28T08:00:00Z' }),
      ]);
    });

    it('tells apart the two 02:30 of the autumn DST change (last Sunday of October)', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      const first = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: '2027-10-31T02:30:00+02:00',
          endsAt: '2027-10-31T02:50:00+02:00',
          mode: 'in_person',
        })
        .expect(201);
      const second = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: '2027-10-31T02:30:00+01:00',
          endsAt: '2027-10-31T02:50:00+01:00',
          mode: 'in_person',
        })
        .expect(201);
      expect([first.body.startsAt, second.body.startsAt]).toEqual([
        '2027-10-31T02:30:00+02:00',
        '2027-10-31T02:30:00+01:00',
      ]);
      const listed = await t
        .http(a.coordinator)
        .get(slotsUrl(id))
        .query({ from: '2027-10-30T00:00:00+02:00', to: '2027-11-01T00:00:00+01:00' })
        .expect(200);
      expect(
        (listed.body.items as Array<{ startsAt: string }>).map((slot) => slot.startsAt),
      ).toEqual(['2027-10-31T02:30:00+02:00', '2027-10-31T02:30:00+01:00']);
    });

    describe('refuses invalid input with 400 naming the field, and changes nothing', () => {
      let id: string;
      beforeAll(async () => {
        id = await createPractitioner(t, a.cpts.id, { modes: ['in_person'] });
      });

      const cases: Array<[string, Record<string, unknown>, string]> = [
        [
          'a start in the past',
          { startsAt: inMinutes(-30), endsAt: inMinutes(-10), mode: 'in_person' },
          'startsAt',
        ],
        [
          'an end before the start',
          { startsAt: inMinutes(120), endsAt: inMinutes(100), mode: 'in_person' },
          'endsAt',
        ],
        [
          'an end equal to the start',
          { startsAt: inMinutes(120), endsAt: inMinutes(120), mode: 'in_person' },
          'endsAt',
        ],
        [
          'a slot of 4 minutes',
          { startsAt: inMinutes(120), endsAt: inMinutes(124), mode: 'in_person' },
          'endsAt',
        ],
        [
          'a slot of 241 minutes',
          { startsAt: inMinutes(120), endsAt: inMinutes(361), mode: 'in_person' },
          'endsAt',
        ],
        [
          'a mode the practitioner does not offer',
          { startsAt: inMinutes(120), endsAt: inMinutes(140), mode: 'home_visit' },
          'mode',
        ],
        [
          'an unknown mode',
          { startsAt: inMinutes(120), endsAt: inMinutes(140), mode: 'video' },
          'mode',
        ],
        [
          'a time without an offset',
          {
            startsAt: '2027-01-15T10:00:00',
            endsAt: '2027-01-15T10:20:00+01:00',
            mode: 'in_person',
          },
          'startsAt',
        ],
        [
          'a time without seconds',
          {
            startsAt: '2027-01-15T10:00:00+01:00',
            endsAt: '2027-01-15T10:20+01:00',
            mode: 'in_person',
          },
          'endsAt',
        ],
        [
          'a date that does not exist',
          { startsAt: '2027-02-30T10:00:00Z', endsAt: '2027-02-30T10:20:00Z', mode: 'in_person' },
          'startsAt',
        ],
        ['a missing field', { startsAt: inMinutes(120), mode: 'in_person' }, 'endsAt'],
        [
          'an unknown field',
          { startsAt: inMinutes(120), endsAt: inMinutes(140), mode: 'in_person', status: 'booked' },
          'status',
        ],
      ];

      it.each(cases)('%s', async (_, body, field) => {
        const response = await t.http(a.coordinator).post(slotsUrl(id)).send(body);
        expectProblem(response, 400, field);
        expect(await storedSlots(t, id)).toEqual([]);
        expect(await availabilityUpdatedAt(t, id)).toBeNull();
      });

      it('a practitioner id that is not a UUID', async () => {
        const response = await t
          .http(a.coordinator)
          .post(slotsUrl('not-a-uuid'))
          .send({ startsAt: inMinutes(120), endsAt: inMinutes(140), mode: 'in_person' });
        expectProblem(response, 400, 'id');
      });
    });

    it('answers 409 for an overlap with another slot of the same practitioner, free or booked', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      const first = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({ startsAt: inMinutes(600), endsAt: inMinutes(620), mode: 'in_person' })
        .expect(201);
      const overlap = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({ startsAt: inMinutes(610), endsAt: inMinutes(630), mode: 'teleconsultation' });
      expectProblem(overlap, 409);
      await bookSlot(t, first.body.id);
      expectProblem(
        await t
          .http(a.coordinator)
          .post(slotsUrl(id))
          .send({ startsAt: inMinutes(590), endsAt: inMinutes(605), mode: 'in_person' }),
        409,
      );
      expect(await storedSlots(t, id)).toHaveLength(1);
      // Touching slots do not overlap; another practitioner's slot never clashes.
      await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({ startsAt: inMinutes(620), endsAt: inMinutes(640), mode: 'in_person' })
        .expect(201);
      const other = await createPractitioner(t, a.cpts.id);
      await t
        .http(a.coordinator)
        .post(slotsUrl(other))
        .send({ startsAt: inMinutes(600), endsAt: inMinutes(620), mode: 'in_person' })
        .expect(201);
    });

    it('lets exactly one of two concurrent overlapping creates through, over real HTTP', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      for (let round = 0; round < 5; round++) {
        const start = 1000 + round * 100;
        const responses = await Promise.all([
          t
            .http(a.coordinator)
            .post(slotsUrl(id))
            .send({ startsAt: inMinutes(start), endsAt: inMinutes(start + 20), mode: 'in_person' }),
          t
            .http(a.coordinator)
            .post(slotsUrl(id))
            .send({
              startsAt: inMinutes(start + 10),
              endsAt: inMinutes(start + 30),
              mode: 'in_person',
            }),
        ]);
        expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      }
      expect(await storedSlots(t, id)).toHaveLength(5);
    });

    it('keeps the exclusion constraint as the last line of defence', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      const insert = (start: number) => createSlot(t, a.cpts.id, id, start);
      await insert(2000);
      await expect(insert(2010)).rejects.toMatchObject({ driverError: { code: '23P01' } });
    });
  });

  describe('access', () => {
    let own: string;
    let other: string;
    let ownToken: string;

    beforeAll(async () => {
      own = await createPractitioner(t, a.cpts.id);
      other = await createPractitioner(t, a.cpts.id);
      ownToken = await t.token(a.cpts.id, 'practitioner', own);
    });

    const body = (start: number) => ({
      startsAt: inMinutes(start),
      endsAt: inMinutes(start + 15),
      mode: 'in_person',
    });

    it('lets the practitioner itself and the coordinator write, and not the platform', async () => {
      await t.http(ownToken).post(slotsUrl(own)).send(body(3000)).expect(201);
      await t.http(a.coordinator).post(slotsUrl(own)).send(body(3100)).expect(201);
      expectProblem(await t.http(a.platform).post(slotsUrl(own)).send(body(3200)), 403);
      expectProblem(
        await t
          .http(a.platform)
          .put(slotsUrl(own))
          .query({ from: inMinutes(0), to: inMinutes(60) })
          .send({ slots: [] }),
        403,
      );
      expect(await storedSlots(t, own)).toHaveLength(2);
    });

    it('answers 403 to a practitioner token on another practitioner', async () => {
      expectProblem(await t.http(ownToken).post(slotsUrl(other)).send(body(3000)), 403);
      expectProblem(
        await t
          .http(ownToken)
          .put(slotsUrl(other))
          .query({ from: inMinutes(0), to: inMinutes(60) })
          .send({ slots: [] }),
        403,
      );
      expectProblem(await t.http(ownToken).get(slotsUrl(other)), 403);
      const slot = await t.http(a.coordinator).post(slotsUrl(other)).send(body(3000)).expect(201);
      expectProblem(await t.http(ownToken).delete(`/api/v1/slots/${slot.body.id}`), 403);
      expect(await storedSlots(t, other)).toHaveLength(1);
    });

    it('lets the coordinator, the platform and the practitioner itself read', async () => {
      for (const token of [a.coordinator, a.platform, ownToken]) {
        const response = await t.http(token).get(slotsUrl(own)).expect(200);
        expect(response.body.items).toHaveLength(2);
      }
    });

    it('answers 404 for another CPTS, and changes nothing there', async () => {
      const slot = await t.http(a.coordinator).post(slotsUrl(own)).send(body(3300)).expect(201);
      const before = await storedSlots(t, own);
      expectProblem(await t.http(b.coordinator).post(slotsUrl(own)).send(body(3400)), 404);
      expectProblem(
        await t
          .http(b.coordinator)
          .put(slotsUrl(own))
          .query({ from: inMinutes(0), to: inMinutes(6000) })
          .send({ slots: [] }),
        404,
      );
      expectProblem(await t.http(b.platform).get(slotsUrl(own)), 404);
      expectProblem(await t.http(b.coordinator).delete(`/api/v1/slots/${slot.body.id}`), 404);
      expect(await storedSlots(t, own)).toEqual(before);
    });

    it('answers 404 for an unknown practitioner or slot', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      expectProblem(await t.http(a.coordinator).post(slotsUrl(unknown)).send(body(3000)), 404);
      expectProblem(await t.http(a.coordinator).get(slotsUrl(unknown)), 404);
      expectProblem(await t.http(a.coordinator).delete(`/api/v1/slots/${unknown}`), 404);
    });

    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get(slotsUrl(own)), 401);
    });
  });

  describe('PUT /practitioners/{id}/slots (agenda sync)', () => {
    const from = () => inMinutes(24 * 60, startOfDay);
    const to = () => inMinutes(48 * 60, startOfDay);
    let startOfDay: number;
    let id: string;

    beforeAll(async () => {
      startOfDay = Date.parse(inMinutes(0).slice(0, 10) + 'T00:00:00Z');
      id = await createPractitioner(t, a.cpts.id);
    });

    const at = (hour: number, minutes = 20, mode = 'in_person') => ({
      startsAt: inMinutes(24 * 60 + hour * 60, startOfDay),
      endsAt: inMinutes(24 * 60 + hour * 60 + minutes, startOfDay),
      mode,
    });
    const sync = (slots: unknown[], token = a.coordinator) =>
      t.http(token).put(slotsUrl(id)).query({ from: from(), to: to() }).send({ slots });

    it('creates the listed slots, then keeps them when the same body comes again', async () => {
      const body = [at(9), at(10), at(11, 30, 'teleconsultation')];
      expect((await sync(body).expect(200)).body).toEqual({ created: 3, removed: 0, kept: 0 });
      const stored = await storedSlots(t, id);
      const updated = await availabilityUpdatedAt(t, id);
      const events = await eventTypes(t, a.cpts.id);
      expect((await sync(body).expect(200)).body).toEqual({ created: 0, removed: 0, kept: 3 });
      expect(await storedSlots(t, id)).toEqual(stored);
      expect(await eventTypes(t, a.cpts.id)).toEqual(events); // nothing streamed to watchers
      // Only the freshness moves: the agenda software has just confirmed these slots.
      expect((await availabilityUpdatedAt(t, id)).getTime()).toBeGreaterThan(updated.getTime());
    });

    it('replaces what changed, never touches booked slots or slots outside the window', async () => {
      const outside = await t
        .http(a.coordinator)
        .post(slotsUrl(id))
        .send({
          startsAt: inMinutes(50 * 60, startOfDay),
          endsAt: inMinutes(50 * 60 + 20, startOfDay),
          mode: 'in_person',
        })
        .expect(201);
      const stored = await storedSlots(t, id);
      const booked = stored.find((slot) => slot.startsAt === at(10).startsAt);
      await bookSlot(t, booked!.id);
      const events = (await eventTypes(t, a.cpts.id)).length;
      const response = await sync([at(9, 25), at(14)]).expect(200);
      expect(response.body).toEqual({ created: 2, removed: 2, kept: 0 });
      const after = await storedSlots(t, id);
      expect(after.map((slot) => [slot.startsAt, slot.status])).toEqual([
        [at(9).startsAt, 'free'],
        [at(10).startsAt, 'booked'],
        [at(14).startsAt, 'free'],
        [inMinutes(50 * 60, startOfDay), 'free'],
      ]);
      expect(after.find((slot) => slot.id === outside.body.id)).toBeDefined();
      expect((await eventTypes(t, a.cpts.id)).slice(events)).toEqual([
        'slot.removed',
        'slot.removed',
        'slot.published',
        'slot.published',
      ]);
      expect((await sync([at(9, 25), at(14)]).expect(200)).body).toEqual({
        created: 0,
        removed: 0,
        kept: 2,
      });
    });

    it('answers 409 and changes nothing when a listed slot overlaps a booked one', async () => {
      const before = await storedSlots(t, id);
      const response = await sync([at(8), at(10, 10)]);
      expectProblem(response, 409);
      expect(response.body.detail).toMatch(/slots\.1/);
      expect(await storedSlots(t, id)).toEqual(before);
    });

    it('empties the free slots of the window with an empty list', async () => {
      const response = await sync([]).expect(200);
      expect(response.body).toEqual({ created: 0, removed: 2, kept: 0 });
      expect((await storedSlots(t, id)).map((slot) => slot.status)).toEqual(['booked', 'free']);
    });

    describe('refuses invalid input with 400 naming the field, and changes nothing', () => {
      const cases: Array<[string, () => { query: Record<string, string>; body: unknown }, string]> =
        [
          [
            'a slot outside the window',
            () => ({ query: { from: from(), to: to() }, body: { slots: [at(9), at(30)] } }),
            'slots.1.startsAt',
          ],
          [
            'two listed slots that overlap',
            () => ({ query: { from: from(), to: to() }, body: { slots: [at(9), at(9, 30)] } }),
            'slots.1',
          ],
          [
            'a listed slot in a mode not offered',
            () => ({
              query: { from: from(), to: to() },
              body: { slots: [at(9, 20, 'home_visit')] },
            }),
            'slots.0.mode',
          ],
          [
            'a listed slot too long',
            () => ({ query: { from: from(), to: to() }, body: { slots: [at(9, 300)] } }),
            'slots.0.endsAt',
          ],
          [
            'a listed time without an offset',
            () => ({
              query: { from: from(), to: to() },
              body: { slots: [{ ...at(9), startsAt: '2027-01-15T10:00:00' }] },
            }),
            'slots.0.startsAt',
          ],
          ['a missing from', () => ({ query: { to: to() }, body: { slots: [] } }), 'from'],
          [
            'a to before from',
            () => ({ query: { from: to(), to: from() }, body: { slots: [] } }),
            'to',
          ],
          [
            'a window over 92 days',
            () => ({ query: { from: from(), to: inMinutes(100 * 24 * 60) }, body: { slots: [] } }),
            'to',
          ],
          [
            'slots that are not a list',
            () => ({ query: { from: from(), to: to() }, body: { slots: 'none' } }),
            'slots',
          ],
          [
            'an unknown field in a slot',
            () => ({ query: { from: from(), to: to() }, body: { slots: [{ ...at(9), id: 'x' }] } }),
            'slots.0.id',
          ],
        ];

      it.each(cases)('%s', async (_, input, field) => {
        const { query, body } = input();
        const before = await storedSlots(t, id);
        const response = await t
          .http(a.coordinator)
          .put(slotsUrl(id))
          .query(query)
          .send(body as object);
        expectProblem(response, 400, field);
        expect(await storedSlots(t, id)).toEqual(before);
      });

      it('a new slot in the past', async () => {
        const past = { startsAt: inMinutes(-60), endsAt: inMinutes(-40), mode: 'in_person' };
        const before = await storedSlots(t, id);
        const response = await t
          .http(a.coordinator)
          .put(slotsUrl(id))
          .query({ from: inMinutes(-120), to: inMinutes(60) })
          .send({ slots: [past] });
        expectProblem(response, 400, 'slots.0.startsAt');
        expect(await storedSlots(t, id)).toEqual(before);
      });
    });
  });

  describe('GET /practitioners/{id}/slots', () => {
    let id: string;
    beforeAll(async () => {
      id = await createPractitioner(t, a.cpts.id);
      for (let i = 0; i < 5; i++) {
        await t
          .http(a.coordinator)
          .post(slotsUrl(id))
          .send({
            startsAt: inMinutes(120 + i * 60),
            endsAt: inMinutes(140 + i * 60),
            mode: 'in_person',
          })
          .expect(201);
      }
      const [first] = await storedSlots(t, id);
      await bookSlot(t, first.id);
    });

    it('lists by start, filters by window and status, and pages with a cursor', async () => {
      const all = await t.http(a.platform).get(slotsUrl(id)).expect(200);
      expect(all.body.items).toHaveLength(5);
      expect(all.body.nextCursor).toBeNull();
      expect(all.body.items[0]).toMatchObject({ status: 'booked', practitionerId: id });
      const free = await t.http(a.platform).get(slotsUrl(id)).query({ status: 'free' }).expect(200);
      expect(free.body.items).toHaveLength(4);
      const windowed = await t
        .http(a.platform)
        .get(slotsUrl(id))
        .query({ from: inMinutes(150), to: inMinutes(300) })
        .expect(200);
      expect(windowed.body.items).toHaveLength(2);
      const page1 = await t.http(a.platform).get(slotsUrl(id)).query({ limit: 2 }).expect(200);
      const page2 = await t
        .http(a.platform)
        .get(slotsUrl(id))
        .query({ limit: 2, cursor: page1.body.nextCursor })
        .expect(200);
      const page3 = await t
        .http(a.platform)
        .get(slotsUrl(id))
        .query({ limit: 2, cursor: page2.body.nextCursor })
        .expect(200);
      expect(page3.body.nextCursor).toBeNull();
      expect([...page1.body.items, ...page2.body.items, ...page3.body.items]).toEqual(
        all.body.items,
      );
    });

    it.each([
      ['status', { status: 'taken' }],
      ['from', { from: 'yesterday' }],
      ['to', { from: inMinutes(60), to: inMinutes(0) }],
      ['limit', { limit: 501 }],
      ['cursor', { cursor: 'bogus' }],
    ])('answers 400 naming %s', async (field, query) => {
      expectProblem(await t.http(a.platform).get(slotsUrl(id)).query(query), 400, field);
    });
  });

  describe('DELETE /slots/{id}', () => {
    it('removes a free slot (204), refuses a booked one (409), and records the change', async () => {
      const id = await createPractitioner(t, a.cpts.id);
      const own = await t.token(a.cpts.id, 'practitioner', id);
      const make = (start: number) =>
        t
          .http(own)
          .post(slotsUrl(id))
          .send({ startsAt: inMinutes(start), endsAt: inMinutes(start + 20), mode: 'in_person' })
          .expect(201);
      const free = await make(200);
      const booked = await make(300);
      await bookSlot(t, booked.body.id);
      const updated = await availabilityUpdatedAt(t, id);
      const events = (await eventTypes(t, a.cpts.id)).length;
      await t.http(own).delete(`/api/v1/slots/${free.body.id}`).expect(204);
      expect((await availabilityUpdatedAt(t, id)).getTime()).toBeGreaterThan(updated.getTime());
      expect((await eventTypes(t, a.cpts.id)).slice(events)).toEqual(['slot.removed']);
      expectProblem(await t.http(a.coordinator).delete(`/api/v1/slots/${booked.body.id}`), 409);
      expectProblem(await t.http(a.platform).delete(`/api/v1/slots/${booked.body.id}`), 403);
      expectProblem(await t.http(a.coordinator).delete('/api/v1/slots/nope'), 400, 'id');
      expect(await storedSlots(t, id)).toEqual([
        expect.objectContaining({ id: booked.body.id, status: 'booked' }),
      ]);
      expectProblem(await t.http(a.coordinator).delete(`/api/v1/slots/${free.body.id}`), 404);
    });
  });
});
