import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { AvailabilityEvents } from '../src/availability/live/availability-events.service';
import { createPractitioner, inMinutes } from './support/slot-fixtures';
import { openSse, SseClient } from './support/sse-client';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

/** Polls what a client has read so far. */
function until<T>(probe: () => T | undefined | null | false, timeoutMs?: number): Promise<T> {
  return eventually(() => Promise.resolve(probe()), { timeoutMs, intervalMs: 10 });
}

const EVENTS_PATH = '/api/v1/availability/events';

async function listen(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer() as Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

describe('availability event stream (real PostgreSQL LISTEN/NOTIFY)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let port: number;
  let practitionerId: string;
  const clients: SseClient[] = [];

  const connect = async (token: string, lastEventId?: string) => {
    const client = await openSse(port, EVENTS_PATH, token, lastEventId);
    clients.push(client);
    await until(() => client.comments.includes('connected'));
    return client;
  };
  const publish = (start: number) =>
    t
      .http(a.coordinator)
      .post(`/api/v1/practitioners/${practitionerId}/slots`)
      .send({ startsAt: inMinutes(start), endsAt: inMinutes(start + 20), mode: 'in_person' })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant('alpha');
    b = await t.tenant('beta');
    port = await listen(t);
    practitionerId = await createPractitioner(t, a.cpts.id);
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await t.close();
  });

  it('streams text/event-stream to the coordinator and the platform only', async () => {
    const coordinator = await connect(a.coordinator);
    expect(coordinator.status).toBe(200);
    expect(coordinator.contentType).toMatch(/^text\/event-stream/);
    await connect(a.platform);
    const practitioner = await openSse(
      port,
      EVENTS_PATH,
      await t.token(a.cpts.id, 'practitioner', practitionerId),
    );
    expect(practitioner.status).toBe(403);
    expect(practitioner.contentType).toMatch(/application\/problem\+json/);
    expect((await openSse(port, EVENTS_PATH, 'cpts_unknown')).status).toBe(401);
  });

  it('delivers slot.published within 1 s of the commit, to its own CPTS only', async () => {
    const mine = await connect(a.platform);
    const theirs = await connect(b.platform);
    const created = await publish(100);
    const committedAt = Date.now();
    const event = await until(
      () => mine.events.find((e) => e.data.slotId === created.body.id),
      1000,
    );
    expect(event.receivedAt - committedAt).toBeLessThan(1000);
    expect(event).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      type: 'slot.published',
      data: {
        slotId: created.body.id,
        practitionerId,
        startsAt: created.body.startsAt,
        endsAt: created.body.endsAt,
        mode: 'in_person',
      },
    });
    expect(Object.keys(event.data).sort()).toEqual([
      'endsAt',
      'mode',
      'practitionerId',
      'slotId',
      'startsAt',
    ]);
    // B's stream gets B's events only: a B change arriving proves A's was not just late.
    const other = await createPractitioner(t, b.cpts.id);
    await t
      .http(b.coordinator)
      .post(`/api/v1/practitioners/${other}/slots`)
      .send({ startsAt: inMinutes(100), endsAt: inMinutes(120), mode: 'in_person' })
      .expect(201);
    await until(() => theirs.events.length === 1);
    expect(theirs.events[0].data.practitionerId).toBe(other);
  });

  it('sends nothing for a change that rolled back', async () => {
    const client = await connect(a.coordinator);
    const events = t.app.get(AvailabilityEvents);
    const ghost = {
      slotId: '00000000-0000-4000-8000-00000000dead',
      practitionerId,
      startsAt: inMinutes(10),
      endsAt: inMinutes(30),
      mode: 'in_person' as const,
    };
    await expect(
      t.db.tenant(a.cpts.id, async (manager) => {
        await events.record(manager, 'slot.published', ghost);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    // A refused write (409) rolls back too.
    await publish(200);
    await t
      .http(a.coordinator)
      .post(`/api/v1/practitioners/${practitionerId}/slots`)
      .send({ startsAt: inMinutes(210), endsAt: inMinutes(230), mode: 'in_person' })
      .expect(409);
    const marker = await publish(300);
    await until(() => client.events.some((e) => e.data.slotId === marker.body.id));
    expect(client.events.map((e) => e.data.slotId)).not.toContain(ghost.slotId);
    expect(client.events).toHaveLength(2);
  });

  it('replays what a client missed after its Last-Event-ID, then goes on live', async () => {
    const first = await connect(a.coordinator);
    await publish(400);
    await until(() => first.events.length === 1);
    const lastSeen = first.events[0].id;
    first.close();
    const missed = [await publish(500), await publish(600)];
    const removed = await t
      .http(a.coordinator)
      .delete(`/api/v1/slots/${missed[0].body.id}`)
      .expect(204);
    expect(removed.status).toBe(204);
    const back = await connect(a.coordinator, lastSeen);
    await until(() => back.events.length === 3);
    expect(back.events.map((e) => [e.type, e.data.slotId])).toEqual([
      ['slot.published', missed[0].body.id],
      ['slot.published', missed[1].body.id],
      ['slot.removed', missed[0].body.id],
    ]);
    expect(back.events.map((e) => BigInt(e.id)).every((id) => id > BigInt(lastSeen))).toBe(true);
    const live = await publish(700);
    await until(() => back.events.some((e) => e.data.slotId === live.body.id));
    expect(back.events).toHaveLength(4);
  });

  it('numbers events in commit order, so a client resuming misses none that committed late', async () => {
    const watcher = await connect(a.coordinator);
    const resuming = await connect(a.coordinator);
    const late = {
      slotId: '00000000-0000-4000-8000-0000000001a7',
      practitionerId,
      startsAt: inMinutes(1200),
      endsAt: inMinutes(1220),
      mode: 'in_person' as const,
    };
    // A transaction records its event first and commits last.
    let commitLate!: () => void;
    const released = new Promise<void>((resolve) => (commitLate = resolve));
    let recorded!: () => void;
    const recordedPromise = new Promise<void>((resolve) => (recorded = resolve));
    const slow = t.db.tenant(a.cpts.id, async (manager) => {
      await t.app.get(AvailabilityEvents).record(manager, 'slot.published', late);
      recorded();
      await released;
    });
    await recordedPromise;
    const early = await publish(1300);
    await until(() => resuming.events.some((e) => e.data.slotId === early.body.id));
    const lastSeen = resuming.events[resuming.events.length - 1].id;
    resuming.close();
    commitLate();
    await slow;

    const back = await connect(a.coordinator, lastSeen);
    await until(() => back.events.some((e) => e.data.slotId === late.slotId));
    await until(() => watcher.events.some((e) => e.data.slotId === late.slotId));
    const order = watcher.events.map((e) => e.data.slotId);
    expect(order.indexOf(early.body.id)).toBeLessThan(order.indexOf(late.slotId));
    const ids = watcher.events.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('replays only the last 10 minutes', async () => {
    const first = await connect(a.coordinator);
    await publish(800);
    await until(() => first.events.length === 1);
    first.close();
    const old = await publish(900);
    const recent = await publish(1000);
    await t.db.system((manager) =>
      manager.query(
        `UPDATE availability_event SET created_at = now() - interval '11 minutes' WHERE payload->>'slotId' = $1`,
        [old.body.id],
      ),
    );
    const back = await connect(a.coordinator, first.events[0].id);
    await until(() => back.events.length === 1);
    expect(back.events[0].data.slotId).toBe(recent.body.id);
  });

  it('prunes events older than an hour', async () => {
    const recent = await publish(1100);
    await t.db.system((manager) =>
      manager.query(
        `UPDATE availability_event SET created_at = now() - interval '61 minutes' WHERE payload->>'slotId' <> $1`,
        [recent.body.id],
      ),
    );
    await t.app.get(AvailabilityEvents).prune();
    const left = await t.db.system((manager) =>
      manager.query<Array<{ slotId: string }>>(
        `SELECT payload->>'slotId' AS "slotId" FROM availability_event`,
      ),
    );
    expect(left).toEqual([{ slotId: recent.body.id }]);
  });
});

describe('availability event stream across instances, with heartbeats', () => {
  let first: TestApp;
  let second: TestApp;
  let a: Tenant;
  const clients: SseClient[] = [];

  beforeAll(async () => {
    first = await startTestApp({ SSE_HEARTBEAT: '200ms' });
    second = await startTestApp({ SSE_HEARTBEAT: '200ms' }, first.database);
    a = await first.tenant('gamma');
  });

  afterAll(async () => {
    clients.forEach((client) => client.close());
    await second.close();
    await first.close();
  });

  const connect = async (t: TestApp) => {
    const client = await openSse(await listen(t), EVENTS_PATH, a.platform);
    clients.push(client);
    await until(() => client.comments.includes('connected'));
    return client;
  };

  it('streams a change committed through one instance to the clients of the other', async () => {
    const onSecond = await connect(second);
    const practitionerId = await createPractitioner(first, a.cpts.id);
    const created = await first
      .http(a.coordinator)
      .post(`/api/v1/practitioners/${practitionerId}/slots`)
      .send({ startsAt: inMinutes(300), endsAt: inMinutes(320), mode: 'in_person' })
      .expect(201);
    const committedAt = Date.now();
    const event = await until(
      () => onSecond.events.find((e) => e.data.slotId === created.body.id),
      1000,
    );
    expect(event.type).toBe('slot.published');
    expect(event.receivedAt - committedAt).toBeLessThan(1000);
  });

  it('sends a heartbeat comment on an idle stream every SSE_HEARTBEAT', async () => {
    const client = await connect(first);
    const opened = Date.now();
    await until(() => client.comments.filter((c) => c === 'heartbeat').length >= 3, 3000);
    // Three beats 200 ms apart: neither fewer nor a burst.
    expect(Date.now() - opened).toBeGreaterThanOrEqual(400);
    expect(client.events).toEqual([]);
  });
});

describe('availability event stream and shutdown', () => {
  it('ends open streams so that the application closes at once', async () => {
    const t = await startTestApp();
    const a = await t.tenant();
    const port = await listen(t);
    const client = await openSse(port, EVENTS_PATH, a.coordinator);
    await until(() => client.comments.includes('connected'));
    const started = Date.now();
    await t.app.close();
    await client.ended;
    expect(Date.now() - started).toBeLessThan(3000);
    await t.database.drop();
  });
});
