import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DateTime } from 'luxon';

import { PatternsService } from '../src/availability/patterns/patterns.service';
import { createPerson, signIn } from './support/people';
import { expectProblem } from './support/problem';
import {
  availabilityUpdatedAt,
  bookSlot,
  createPractitioner,
  storedSlots,
} from './support/slot-fixtures';
import { openSse, SseClient } from './support/sse-client';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const PARIS = 'Europe/Paris';
const DAY_MS = 86_400_000;

/** The Paris day `days` from today, with its ISO weekday. */
function parisDay(days: number): { date: string; weekday: number } {
  const day = DateTime.now().setZone(PARIS).startOf('day').plus({ days });
  return { date: day.toISODate()!, weekday: day.weekday };
}

/** A pattern on the weekday two days from now: 3 slots of 20 minutes, twice in 14 days. */
const patternIn2Days = (overrides: Record<string, unknown> = {}) => ({
  weekday: parisDay(2).weekday,
  startTime: '09:00',
  endTime: '10:00',
  slotMinutes: 20,
  mode: 'in_person',
  ...overrides,
});

const parisDateOf = (iso: string) => DateTime.fromISO(iso).setZone(PARIS).toISODate();

describe('weekly patterns and absences (real PostgreSQL)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let patterns: PatternsService;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
    patterns = t.app.get(PatternsService);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await t.close();
  });

  const url = (id: string, rest = 'patterns') => `/api/v1/practitioners/${id}/${rest}`;

  const slotCount = (id: string, status?: string) =>
    storedSlots(t, id).then(
      (slots) => slots.filter((slot) => status === undefined || slot.status === status).length,
    );

  it('creates a pattern whose slots exist for the next 14 days, in the live table', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    const created = await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      weekday: parisDay(2).weekday,
      startTime: '09:00',
      endTime: '10:00',
      slotMinutes: 20,
      mode: 'in_person',
      createdAt: expect.stringMatching(/\+0[12]:00$/),
    });
    const slots = await storedSlots(t, id);
    expect(slots).toHaveLength(6);
    expect(new Set(slots.map((slot) => parisDateOf(slot.startsAt)))).toEqual(
      new Set([parisDay(2).date, parisDay(9).date]),
    );
    expect(await availabilityUpdatedAt(t, id)).toBeInstanceOf(Date);

    const listed = await t.http(a.coordinator).get(url(id)).expect(200);
    expect(listed.body).toEqual({ items: [created.body], nextCursor: null });

    const to = new Date(Date.now() + 14 * DAY_MS - 60_000).toISOString();
    const table = await t
      .http(a.platform)
      .get(`/api/v1/availability?to=${encodeURIComponent(to)}`)
      .expect(200);
    const row = (
      table.body.items as Array<{ practitioner: { id: string }; freeSlots: unknown[] }>
    ).find((item) => item.practitioner.id === id);
    expect(row?.freeSlots).toHaveLength(6);
    expect(row?.freeSlots[0]).toEqual(
      expect.objectContaining({ startsAt: `${parisDay(2).date}T09:00:00${offsetOf(2, 9)}` }),
    );
  });

  it('creates nothing on a second generator run', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    const before = await storedSlots(t, id);
    await patterns.generateNow();
    expect(await storedSlots(t, id)).toEqual(before);
  });

  it('two generators at once (two instances) create each slot once', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    const second = await startTestApp({}, t.database);
    try {
      await t.db.tenant(a.cpts.id, (manager) =>
        manager.query(
          `INSERT INTO weekly_pattern (practitioner_id, weekday, start_time, end_time, slot_minutes, mode)
           VALUES ($1, $2, '14:00', '16:00', 15, 'in_person')`,
          [id, parisDay(3).weekday],
        ),
      );
      const runs = await Promise.all([
        patterns.generateNow(),
        second.app.get(PatternsService).generateNow(),
        patterns.generateNow(),
        second.app.get(PatternsService).generateNow(),
      ]);
      // A run that found the lock taken (by another call, or the second instance's start-up run)
      // leaves the work to the holder: wait for its commit, then run once more.
      await eventually(async () => (await slotCount(id)) >= 16 || (await patterns.generateNow()));
      await patterns.generateNow();
      const slots = await storedSlots(t, id);
      expect(slots).toHaveLength(16);
      expect(new Set(slots.map((slot) => slot.startsAt)).size).toBe(16);
      expect(runs.reduce((sum, n) => sum + n, 0)).toBeLessThanOrEqual(16);
    } finally {
      await second.close();
    }
  });

  it('an absence withdraws free slots of its days, never a booked one, and the generator skips them until it is deleted', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    const first = (await storedSlots(t, id)).filter(
      (slot) => parisDateOf(slot.startsAt) === parisDay(2).date,
    );
    await bookSlot(t, first[1].id);

    const absence = await t
      .http(a.coordinator)
      .post(url(id, 'absences'))
      .send({ from: parisDay(1).date, to: parisDay(3).date })
      .expect(201);
    expect(absence.body).toEqual({
      id: expect.any(String),
      from: parisDay(1).date,
      to: parisDay(3).date,
      createdAt: expect.any(String),
      withdrawn: 2,
    });
    let slots = await storedSlots(t, id);
    expect(slots).toHaveLength(4);
    expect(slots.find((slot) => slot.id === first[1].id)?.status).toBe('booked');

    await patterns.generateNow();
    expect(await storedSlots(t, id)).toEqual(slots);
    const listed = await t.http(a.coordinator).get(url(id, 'absences')).expect(200);
    expect(listed.body.items).toEqual([
      {
        id: absence.body.id,
        from: parisDay(1).date,
        to: parisDay(3).date,
        createdAt: absence.body.createdAt,
      },
    ]);

    await t
      .http(a.coordinator)
      .delete(`${url(id, 'absences')}/${absence.body.id}`)
      .expect(204);
    expect(await patterns.generateNow()).toBe(2);
    slots = await storedSlots(t, id);
    expect(slots).toHaveLength(6);
    expect(slots.filter((slot) => slot.status === 'booked').map((slot) => slot.id)).toEqual([
      first[1].id,
    ]);
  });

  it('deleting a pattern removes its future free slots and keeps the booked ones', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    const created = await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    const [booked] = await storedSlots(t, id);
    await bookSlot(t, booked.id);
    await t
      .http(a.coordinator)
      .delete(`${url(id)}/${created.body.id}`)
      .expect(204);
    const slots = await storedSlots(t, id);
    expect(slots).toEqual([expect.objectContaining({ id: booked.id, status: 'booked' })]);
    expect((await t.http(a.coordinator).get(url(id)).expect(200)).body.items).toEqual([]);
    await patterns.generateNow();
    expect(await slotCount(id)).toBe(1);
    await t
      .http(a.coordinator)
      .delete(`${url(id)}/${created.body.id}`)
      .expect(404);
  });

  it('answers 400 naming the field for bad input, and changes nothing', async () => {
    const id = await createPractitioner(t, a.cpts.id, { modes: ['in_person'] });
    const cases: Array<[Record<string, unknown>, string]> = [
      [patternIn2Days({ weekday: 8 }), 'weekday'],
      [patternIn2Days({ startTime: '10:00', endTime: '09:00' }), 'endTime'],
      [patternIn2Days({ mode: 'video' }), 'mode'],
      [patternIn2Days({ mode: 'home_visit' }), 'mode'],
      [patternIn2Days({ slotMinutes: 300 }), 'slotMinutes'],
      [patternIn2Days({ startTime: '9h' }), 'startTime'],
    ];
    for (const [body, field] of cases) {
      expectProblem(await t.http(a.coordinator).post(url(id)).send(body), 400, field);
    }
    expectProblem(
      await t
        .http(a.coordinator)
        .post(url(id, 'absences'))
        .send({ from: parisDay(5).date, to: parisDay(3).date }),
      400,
      'to',
    );
    expectProblem(
      await t
        .http(a.coordinator)
        .post(url(id, 'absences'))
        .send({ from: '2027-02-30', to: '2027-03-02' }),
      400,
      'from',
    );
    expect((await t.http(a.coordinator).get(url(id)).expect(200)).body.items).toEqual([]);
    expect((await t.http(a.coordinator).get(url(id, 'absences')).expect(200)).body.items).toEqual(
      [],
    );
    expect(await slotCount(id)).toBe(0);
    expect(await availabilityUpdatedAt(t, id)).toBeNull();
  });

  it('refuses another practitioner (403) and another CPTS (404)', async () => {
    const id = await createPractitioner(t, a.cpts.id);
    const other = await createPractitioner(t, a.cpts.id);
    const otherToken = await t.token(a.cpts.id, 'practitioner', other);
    expectProblem(await t.http(otherToken).post(url(id)).send(patternIn2Days()), 403);
    expectProblem(await t.http(otherToken).get(url(id, 'absences')), 403);
    expectProblem(await t.http(b.coordinator).post(url(id)).send(patternIn2Days()), 404);
    expectProblem(await t.http(b.coordinator).get(url(id)), 404);
    const created = await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    expectProblem(await t.http(b.coordinator).delete(`${url(id)}/${created.body.id}`), 404);
    expectProblem(await t.http(a.platform).get(url(id)), 403);
    expect(await slotCount(id)).toBe(6);
  });

  it("lets a GP's message-link session manage their own patterns and absences", async () => {
    const id = await createPractitioner(t, a.cpts.id);
    const person = await createPerson(t, a.cpts.id, 'practitioner', { practitionerId: id });
    const gp = await signIn(t, person, 'practitioner');
    const created = await gp.http().post(url(id)).send(patternIn2Days()).expect(201);
    expect((await gp.http().get(url(id)).expect(200)).body.items).toHaveLength(1);
    const absence = await gp
      .http()
      .post(url(id, 'absences'))
      .send({ from: parisDay(0).date, to: parisDay(6).date })
      .expect(201);
    expect(absence.body.withdrawn).toBe(3);
    await gp
      .http()
      .delete(`${url(id, 'absences')}/${absence.body.id}`)
      .expect(204);
    await gp
      .http()
      .delete(`${url(id)}/${created.body.id}`)
      .expect(204);
    expect(await slotCount(id)).toBe(0);
  });

  it('the event stream sees slot.published for generated slots', async () => {
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const client = await openSse(port, '/api/v1/availability/events', a.platform);
    clients.push(client);
    await eventually(() => Promise.resolve(client.comments.includes('connected')));
    const id = await createPractitioner(t, a.cpts.id);
    await t.http(a.coordinator).post(url(id)).send(patternIn2Days()).expect(201);
    const slotIds = (await storedSlots(t, id)).map((slot) => slot.id);
    const published = await eventually(() => {
      const seen = client.events.filter(
        (event) => event.type === 'slot.published' && slotIds.includes(event.data.slotId as string),
      );
      return Promise.resolve(seen.length === slotIds.length && seen);
    });
    expect(published[0].data).toEqual(
      expect.objectContaining({ practitionerId: id, mode: 'in_person' }),
    );
    const absence = await t
      .http(a.coordinator)
      .post(url(id, 'absences'))
      .send({ from: parisDay(2).date, to: parisDay(2).date })
      .expect(201);
    expect(absence.body.withdrawn).toBe(3);
    await eventually(() =>
      Promise.resolve(
        client.events.filter(
          (event) => event.type === 'slot.removed' && slotIds.includes(event.data.slotId as string),
        ).length === 3,
      ),
    );
  });
});

/** The Paris offset at `hour` o'clock, `days` from today: "+01:00" or "+02:00". */
function offsetOf(days: number, hour: number): string {
  return DateTime.now().setZone(PARIS).startOf('day').plus({ days }).set({ hour }).toFormat('ZZ');
}
