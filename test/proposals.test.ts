import { randomUUID } from 'node:crypto';

import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { expectProblem } from './support/problem';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

/** The slot ids of a list of choices (alternatives), and the types of a history. */
const slotIds = (choices: unknown) => (choices as Array<{ slotId: string }>).map((c) => c.slotId);
const types = (history: unknown) => (history as Array<{ type: string }>).map((e) => e.type);

/** An urgent request in `propose` mode, as the operator console files it. */
const proposeBody = (communeCode = '56007') =>
  requestBody('urgent', { communeCode }, { booking: 'propose' });

async function slotStatus(t: TestApp, id: string): Promise<string> {
  const [row] = await t.db.system((m) =>
    m.query<Array<{ status: string }>>('SELECT status FROM slot WHERE id = $1', [id]),
  );
  return row.status;
}

async function slotEvents(t: TestApp, slotId: string): Promise<string[]> {
  const rows = await t.db.system((m) =>
    m.query<Array<{ type: string }>>(
      `SELECT type FROM availability_event WHERE payload->>'slotId' = $1 ORDER BY id`,
      [slotId],
    ),
  );
  return rows.map((row) => row.type);
}

async function storm(t: TestApp, tenant: Tenant, requests: number, slots: number, seed: number) {
  let state = seed * 7919;
  const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
  const communes = ['56007', '56034', '56186'];
  const gps: string[] = [];
  for (let i = 0; i < 20; i++) {
    gps.push(
      await createPractitioner(t, tenant.cpts.id, {
        communeCode: communes[i % 3],
        weeklyUrgentCap: 100,
      }),
    );
  }
  for (let i = 0; i < slots; i++)
    await createSlot(t, tenant.cpts.id, gps[Math.floor(random() * gps.length)], 60 + i * 25);
  const proposed = await Promise.all(
    Array.from({ length: requests }, () =>
      fileRequest(t, tenant.platform, proposeBody(communes[Math.floor(random() * 3)])),
    ),
  );
  expect(proposed.filter((r) => r.status !== 201).map((r) => [r.status, r.text])).toEqual([]);
  const held = proposed.filter((r) => r.body.status === 'held');
  expect(held).toHaveLength(slots);
  expect(
    new Set(held.map((r) => (r.body as { proposal: { slotId: string } }).proposal.slotId)).size,
  ).toBe(slots);
  const confirmed = await Promise.all(
    held.map((r) => t.http(tenant.platform).post(`/api/v1/requests/${r.body.id}/confirm`).send({})),
  );
  expect(confirmed.filter((r) => r.status !== 200).map((r) => r.status)).toEqual([]);
  confirmed.forEach((r, i) => expect(r.body.appointment.slotId).toBe(held[i].body.proposal.slotId));
  const [counts] = await t.db.system((m) =>
    m.query(
      `SELECT (SELECT count(*)::int FROM slot WHERE cpts_id = $1 AND status = 'booked') AS "bookedSlots",
              (SELECT count(*)::int FROM slot_hold WHERE cpts_id = $1) AS holds,
              (SELECT count(DISTINCT slot_id)::int FROM appointment WHERE cpts_id = $1 AND status = 'booked') AS "slotsBooked",
              (SELECT count(*)::int FROM appointment WHERE cpts_id = $1 AND status = 'booked') AS appointments,
              (SELECT count(*)::int FROM orientation_request WHERE cpts_id = $1 AND status = 'booked') AS "bookedRequests"`,
      [tenant.cpts.id],
    ),
  );
  expect(counts).toEqual({
    bookedSlots: slots,
    holds: 0,
    slotsBooked: slots,
    appointments: slots,
    bookedRequests: slots,
  });
}

describe('propose, then confirm', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  beforeEach(async () => {
    tenant = await t.tenant();
  });

  afterAll(() => t.close());

  it('holds the best slot, out of the live table, and confirming books exactly that slot', async () => {
    const near = await createPractitioner(t, tenant.cpts.id, { lastName: 'Kervella' });
    const far = await createPractitioner(t, tenant.cpts.id, { lastName: 'Le Bihan' });
    const best = await createSlot(t, tenant.cpts.id, near, 90);
    const others = [
      await createSlot(t, tenant.cpts.id, near, 150),
      await createSlot(t, tenant.cpts.id, far, 120),
    ];
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    expect(filed.body).toMatchObject({
      status: 'held',
      proposal: {
        slotId: best,
        practitioner: { id: near, lastName: 'Kervella', communeName: 'Auray' },
        why: expect.stringMatching(/^Le plus (proche|tôt)/),
      },
    });
    expect(Date.parse(filed.body.proposal.heldUntil) - Date.now()).toBeGreaterThan(4 * 60_000);
    expect(slotIds(filed.body.alternatives).sort()).toEqual([...others].sort());
    expect(await slotStatus(t, best)).toBe('held');
    for (const other of others) expect(await slotStatus(t, other)).toBe('free');
    const table = await t.http(tenant.platform).get('/api/v1/availability').expect(200);
    const listed = (table.body.items as Array<{ freeSlots: Array<{ id: string }> }>).flatMap(
      (item) => item.freeSlots.map((slot) => slot.id),
    );
    expect(listed).not.toContain(best);
    expect(await slotEvents(t, best)).toEqual(['slot.held']);

    const shown = await t
      .http(tenant.platform)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(shown.body.proposal).toMatchObject({
      slotId: best,
      heldUntil: filed.body.proposal.heldUntil,
    });

    const confirmed = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({})
      .expect(200);
    expect(confirmed.body).toMatchObject({ status: 'booked', appointment: { slotId: best } });
    expect(confirmed.body.proposal).toBeUndefined();
    expect(await slotStatus(t, best)).toBe('booked');
    expect(await slotEvents(t, best)).toEqual(['slot.held', 'slot.booked']);
    expect(types(confirmed.body.history)).toEqual(['created', 'held', 'booked']);
    // A retry of the same confirmation (a double click) answers the booking again.
    await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({})
      .expect(200);
    const notifications = await t
      .http(tenant.platform)
      .get(`/api/v1/requests/${filed.body.id}/notifications`)
      .expect(200);
    expect((notifications.body as Array<{ template: string }>).map((n) => n.template)).toContain(
      'patient.booked',
    );
  });

  it('books an alternative instead, and gives the held slot back to the live table', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const held = await createSlot(t, tenant.cpts.id, gp, 90);
    const later = await createSlot(t, tenant.cpts.id, gp, 200);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    expect(filed.body.proposal.slotId).toBe(held);
    const confirmed = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({ slotId: later })
      .expect(200);
    expect(confirmed.body.appointment.slotId).toBe(later);
    expect(await slotStatus(t, held)).toBe('free');
    expect(await slotEvents(t, held)).toEqual(['slot.held', 'slot.released']);
    const holds = await t.db.system((m) =>
      m.query('SELECT 1 FROM slot_hold WHERE slot_id = $1', [held]),
    );
    expect(holds).toEqual([]);
  });

  it('answers 409 with fresh alternatives when the alternative was taken meanwhile, keeping the hold', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const held = await createSlot(t, tenant.cpts.id, gp, 90);
    const taken = await createSlot(t, tenant.cpts.id, gp, 200);
    const spare = await createSlot(t, tenant.cpts.id, gp, 300);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    // Another caller books the alternative first.
    await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    expect(await slotStatus(t, taken)).toBe('booked');
    const refused = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({ slotId: taken });
    expectProblem(refused, 409);
    expect(refused.body.alternatives).toEqual([]);
    expect(await slotStatus(t, held)).toBe('held');
    expect(await slotStatus(t, spare)).toBe('booked');
  });

  it('gives a released hold back: the slot is free and announced, the request pending', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const slot = await createSlot(t, tenant.cpts.id, gp, 90);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    const released = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/release`)
      .expect(200);
    expect(released.body.status).not.toBe('held');
    expect(types(released.body.history)).toContain('hold_released');
    expect(await slotEvents(t, slot)).toEqual(
      expect.arrayContaining(['slot.held', 'slot.released']),
    );
    await t.http(tenant.platform).post(`/api/v1/requests/${filed.body.id}/release`).expect(409);
  });

  it('lets one of two operators proposing at once hold the best slot, the other the next one', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const first = await createSlot(t, tenant.cpts.id, gp, 90);
    const second = await createSlot(t, tenant.cpts.id, gp, 150);
    const [a, b] = await Promise.all([
      fileRequest(t, tenant.platform, proposeBody()),
      fileRequest(t, tenant.platform, proposeBody()),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect([a.body.proposal.slotId, b.body.proposal.slotId].sort()).toEqual([first, second].sort());
  });

  it('refuses bad input naming the field, and files nothing', async () => {
    const before = await t.db.system((m) =>
      m.query('SELECT count(*)::int AS n FROM orientation_request WHERE cpts_id = $1', [
        tenant.cpts.id,
      ]),
    );
    const referral = await fileRequest(
      t,
      tenant.platform,
      requestBody('referring_physician', {}, { booking: 'propose' }),
    );
    expectProblem(referral, 400);
    expect(referral.body.errors).toEqual([{ field: 'booking', message: expect.any(String) }]);
    const unknown = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { booking: 'perhaps' }),
    ).expect(400);
    expectProblem(unknown, 400, 'booking');
    const badSlot = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${randomUUID()}/confirm`)
      .send({ slotId: 'not-a-uuid' })
      .expect(400);
    expectProblem(badSlot, 400, 'slotId');
    const after = await t.db.system((m) =>
      m.query('SELECT count(*)::int AS n FROM orientation_request WHERE cpts_id = $1', [
        tenant.cpts.id,
      ]),
    );
    expect(after).toEqual(before);
  });

  it('has the database refuse a held slot without a hold, and a hold without a held request', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const slot = await createSlot(t, tenant.cpts.id, gp, 90);
    await expect(
      t.db.tenant(tenant.cpts.id, (m) =>
        m.query(`UPDATE slot SET status = 'held' WHERE id = $1`, [slot]),
      ),
    ).rejects.toThrow(/is held without a hold/);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    await expect(
      t.db.tenant(tenant.cpts.id, (m) =>
        m.query(`DELETE FROM slot_hold WHERE request_id = $1`, [filed.body.id]),
      ),
    ).rejects.toThrow(/without being held|without a hold/);
    expect(await slotStatus(t, slot)).toBe('held');
  });

  it('keeps holds to their CPTS: another CPTS cannot confirm or release them', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    await createSlot(t, tenant.cpts.id, gp, 90);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    const other = await t.tenant();
    await t
      .http(other.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({})
      .expect(404);
    await t.http(other.platform).post(`/api/v1/requests/${filed.body.id}/release`).expect(404);
  });
});

describe('an expired hold', () => {
  let t: TestApp;

  afterEach(() => t.close());

  it('cannot be confirmed, even before the sweep gives it back: 409 with fresh alternatives', async () => {
    // The API role alone: no sweep runs, the database's clock is what refuses.
    t = await startTestApp({ HOLD_TTL: '1s', APP_ROLE: 'api' });
    await seedCentres(t);
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id);
    const held = await createSlot(t, tenant.cpts.id, gp, 90);
    const other = await createSlot(t, tenant.cpts.id, gp, 200);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    expect(filed.body.proposal.slotId).toBe(held);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const refused = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/confirm`)
      .send({})
      .expect(409);
    expect(slotIds(refused.body.alternatives)).toEqual([other]);
    expect(await slotStatus(t, held)).toBe('held');
  });

  it('frees its slot within 5 s, and the request is matched again', async () => {
    t = await startTestApp({ HOLD_TTL: '1s' });
    await seedCentres(t);
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id);
    const slot = await createSlot(t, tenant.cpts.id, gp, 90);
    const filed = await fileRequest(t, tenant.platform, proposeBody()).expect(201);
    const heldAt = Date.now();
    await eventually(async () => (await slotEvents(t, slot)).includes('slot.released'), {
      timeoutMs: 5000,
    });
    expect(Date.now() - heldAt).toBeLessThan(6000);
    const history = await eventually(async () => {
      const shown = await t.http(tenant.platform).get(`/api/v1/requests/${filed.body.id}`);
      const types = (shown.body.history as Array<{ type: string }>).map((event) => event.type);
      return types.includes('booked') ? types : undefined;
    });
    expect(history).toEqual(['created', 'held', 'hold_expired', 'booked']);
  });
});

describe.each([1, 2])('storms in propose mode (seed %i)', (seed) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  it('holds and then books each of 50 slots once for 200 concurrent requests', async () => {
    await storm(t, await t.tenant(), 200, 50, seed);
  });

  it('holds and then books each of 100 slots once for 1,000 concurrent requests', async () => {
    await storm(t, await t.tenant(), 1000, 100, seed);
  }, 180_000);
});
