import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { EntityManager } from 'typeorm';

import type { SlotEventPayload } from '../src/availability/live/availability-event-types';
import { AvailabilityEvents } from '../src/availability/live/availability-events.service';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { openSse, SseClient } from './support/sse-client';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const EVENTS_PATH = '/api/v1/availability/events';

function until<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T> {
  return eventually(() => Promise.resolve(probe()), { timeoutMs, intervalMs: 10 });
}

/** A transaction of the test's, left open until `commit()`. */
interface OpenTransaction {
  done: Promise<void>;
  commit(): void;
}

describe('availability events of one CPTS from concurrent transactions (real PostgreSQL)', () => {
  let t: TestApp;
  let a: Tenant;
  let port: number;
  let practitionerId: string;
  let events: AvailabilityEvents;
  const clients: SseClient[] = [];

  const connect = async (lastEventId?: string) => {
    const client = await openSse(port, EVENTS_PATH, a.coordinator, lastEventId);
    clients.push(client);
    await until(() => client.comments.includes('connected'));
    return client;
  };

  /** What a booking writes: the slot booked and its event, in one tenant transaction. */
  const book = async (manager: EntityManager, slotId: string): Promise<SlotEventPayload> => {
    const [[slot]] = await manager.query<[Array<{ startsAt: Date; endsAt: Date }>, number]>(
      `UPDATE slot SET status = 'booked' WHERE id = $1
        RETURNING starts_at AS "startsAt", ends_at AS "endsAt"`,
      [slotId],
    );
    const payload: SlotEventPayload = {
      slotId,
      practitionerId,
      startsAt: slot.startsAt.toISOString(),
      endsAt: slot.endsAt.toISOString(),
      mode: 'in_person',
    };
    await events.record(manager, 'slot.booked', payload);
    return payload;
  };

  /**
   * Books `slotId` and stays open. `SET CONSTRAINTS ALL IMMEDIATE` runs now whatever the commit
   * would run (deferred triggers), so a lock taken at commit would be held from here on.
   */
  const openBooking = async (slotId: string): Promise<OpenTransaction> => {
    let commit!: () => void;
    const released = new Promise<void>((resolve) => (commit = resolve));
    let booked!: () => void;
    const ready = new Promise<void>((resolve) => (booked = resolve));
    const done = t.db.tenant(a.cpts.id, async (manager) => {
      await book(manager, slotId);
      await manager.query('SET CONSTRAINTS ALL IMMEDIATE');
      booked();
      await released;
    });
    await Promise.race([ready, done]);
    return { done, commit };
  };

  beforeAll(async () => {
    // Ten transactions stay open at once below, each holding a connection of the pool.
    t = await startTestApp({ DATABASE_POOL_SIZE: '16' });
    a = await t.tenant('alpha');
    const server = t.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    practitionerId = await createPractitioner(t, a.cpts.id);
    events = t.app.get(AvailabilityEvents);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await t.close();
  });

  it('lets two bookings of one CPTS insert their events at once; a reader started between misses neither', async () => {
    const [slotA, slotB, slotMarker] = await Promise.all(
      [600, 700, 800].map((minutes) => createSlot(t, a.cpts.id, practitionerId, minutes)),
    );
    const watcher = await connect();
    // A marker committed before both: where the reader started between resumes from.
    await t.db.tenant(a.cpts.id, (manager) => book(manager, slotMarker));
    const marker = await until(() => watcher.events.find((e) => e.data.slotId === slotMarker));

    // (a) A books and stays open; B books and commits without waiting for A. A lock would make
    // B fail after lock_timeout instead of hanging the test.
    const first = await openBooking(slotA);
    const started = Date.now();
    await t.db.tenant(a.cpts.id, async (manager) => {
      await manager.query(`SET LOCAL lock_timeout = '2s'`);
      await book(manager, slotB);
    });
    expect(Date.now() - started).toBeLessThan(1000);
    const eventB = await until(() => watcher.events.find((e) => e.data.slotId === slotB), 1000);

    // (b) A reader starting now, resuming after the marker, gets B and not (yet) A.
    const between = await connect(marker.id);
    await until(() => between.events.some((e) => e.data.slotId === slotB));
    expect(await events.replay(a.cpts.id, eventB.id)).toEqual([]);
    expect(between.events.map((e) => e.data.slotId)).toEqual([slotB]);

    first.commit();
    await first.done;
    // Once A commits, it reaches every reader, after B, and a reader resuming after B replays it.
    const eventA = await until(() => between.events.find((e) => e.data.slotId === slotA));
    await until(() => watcher.events.some((e) => e.data.slotId === slotA));
    expect(BigInt(eventA.id)).toBeGreaterThan(BigInt(eventB.id));
    expect(between.events.map((e) => e.data.slotId)).toEqual([slotB, slotA]);
    expect(watcher.events.map((e) => e.data.slotId)).toEqual([slotMarker, slotB, slotA]);
    const replayed = await events.replay(a.cpts.id, eventB.id);
    expect(replayed.map((e) => e.id)).toEqual([eventA.id]);
    const resuming = await connect(eventB.id);
    await until(() => resuming.events.some((e) => e.data.slotId === slotA));
    expect(resuming.events.map((e) => e.id)).toEqual([eventA.id]);
  });

  it('keeps positions in commit order under many concurrent writers of one CPTS', async () => {
    const watcher = await connect();
    const slots = await Promise.all(
      Array.from({ length: 20 }, (_, n) => createSlot(t, a.cpts.id, practitionerId, 1000 + n * 30)),
    );
    // Half of them stay open while the other half commit; then the first half commit.
    const open = await Promise.all(slots.slice(0, 10).map((slotId) => openBooking(slotId)));
    await Promise.all(
      slots.slice(10).map((slotId) => t.db.tenant(a.cpts.id, (manager) => book(manager, slotId))),
    );
    await until(() =>
      slots.slice(10).every((id) => watcher.events.some((e) => e.data.slotId === id)),
    );
    const lastOfSecondHalf = watcher.events[watcher.events.length - 1].id;
    open.forEach((transaction) => transaction.commit());
    await Promise.all(open.map((transaction) => transaction.done));
    await until(() => slots.every((id) => watcher.events.some((e) => e.data.slotId === id)));
    const ids = watcher.events.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(new Set(watcher.events.map((e) => e.data.slotId)).size).toBe(slots.length);
    const replayed = await events.replay(a.cpts.id, lastOfSecondHalf);
    expect(replayed.map((e) => (e.payload as SlotEventPayload).slotId).sort()).toEqual(
      slots.slice(0, 10).sort(),
    );
  });
});
