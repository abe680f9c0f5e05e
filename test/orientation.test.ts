import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { expectProblem } from './support/problem';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface Problem {
  body: { errors?: Array<{ field: string }> };
}

const fields = (response: Problem) => (response.body.errors ?? []).map((error) => error.field);

describe('orientation: urgent requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  describe('filing', () => {
    let tenant: Tenant;

    beforeAll(async () => {
      tenant = await t.tenant();
    });

    it('books at once when the territory has a slot, and says so in the answer', async () => {
      const gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Kervella' });
      const slot = await createSlot(t, tenant.cpts.id, gp, 90);
      const response = await fileRequest(
        t,
        tenant.platform,
        requestBody('urgent', {}, { reason: 'fièvre' }),
      ).expect(201);
      expect(response.body).toMatchObject({
        kind: 'urgent',
        status: 'booked',
        reference: expect.stringMatching(/^SNP-/),
      });
      expect(response.body.appointment).toMatchObject({
        slotId: slot,
        practitioner: { id: gp, lastName: 'Kervella', communeName: 'Auray' },
      });
      expect(response.body.appointment.startsAt).toMatch(/\+0[12]:00$/);
      expect(Date.parse(response.body.deadlineAt) - Date.parse(response.body.createdAt)).toBe(
        48 * 3_600_000,
      );
    });

    it('replays the same key and body with 200 and the same request; another body is 409', async () => {
      const body = requestBody('urgent');
      const first = await fileRequest(t, tenant.platform, body, 'same-key').expect((r) =>
        expect([200, 201]).toContain(r.status),
      );
      const again = await fileRequest(t, tenant.platform, body, 'same-key').expect(200);
      expect(again.body.id).toBe(first.body.id);
      const other = await fileRequest(t, tenant.platform, { ...body, reason: 'autre' }, 'same-key');
      expectProblem(other, 409);
    });

    it('turns concurrent duplicates into one request', async () => {
      const body = requestBody('urgent');
      const responses = await Promise.all(
        Array.from({ length: 8 }, () => fileRequest(t, tenant.platform, body, 'dup-key')),
      );
      expect(new Set(responses.map((r) => (r.body as { id: string }).id)).size).toBe(1);
      expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
      const rows = await t.db.system((m) =>
        m.query(
          `SELECT count(*)::int AS n FROM orientation_request WHERE idempotency_key = 'dup-key'`,
        ),
      );
      expect(rows[0].n).toBe(1);
    });

    it('rejects bad input naming the field, and files nothing', async () => {
      const count = async () => {
        const [row] = await t.db.system((m) =>
          m.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM orientation_request`),
        );
        return row.n;
      };
      const before = await count();
      const noKey = await t
        .http(tenant.platform)
        .post('/api/v1/requests')
        .send(requestBody('urgent'));
      expectProblem(noKey, 400);
      expect(noKey.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
      const badPhone = await fileRequest(t, tenant.platform, {
        ...requestBody('urgent'),
        patient: { ...requestBody('urgent').patient, phone: '12' },
      });
      expect(badPhone.status).toBe(400);
      expect(fields(badPhone)).toContain('patient.phone');
      const badCommune = await fileRequest(
        t,
        tenant.platform,
        requestBody('urgent', { communeCode: '99999' }),
      );
      expect(badCommune.status).toBe(400);
      expect(fields(badCommune)).toContain('patient.communeCode');
      const longReason = await fileRequest(
        t,
        tenant.platform,
        requestBody('urgent', {}, { reason: 'x'.repeat(201) }),
      );
      expect(fields(longReason)).toContain('reason');
      const unknown = await fileRequest(
        t,
        tenant.platform,
        requestBody('urgent', {}, { diagnosis: 'x' }),
      );
      expect(fields(unknown)).toContain('diagnosis');
      expect(await count()).toBe(before);
    });

    it('stores phones as E.164', async () => {
      const response = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
      const got = await t
        .http(tenant.coordinator)
        .get(`/api/v1/requests/${response.body.id}`)
        .expect(200);
      expect(got.body.patient.phone).toBe('+33612345678');
      expect(got.body.history[0]).toMatchObject({ type: 'created' });
    });
  });

  it("prefers the patient's own GP to a nearer, earlier one", async () => {
    const tenant = await t.tenant();
    const near = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
    const own = await createPractitioner(t, tenant.cpts.id, {
      communeCode: '56186',
      rpps: '10101010101',
    });
    await createSlot(t, tenant.cpts.id, near, 60);
    const ownSlot = await createSlot(t, tenant.cpts.id, own, 300);
    const response = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { referringPractitionerRpps: '10101010101' }),
    ).expect(201);
    expect(response.body.appointment.slotId).toBe(ownSlot);
    const decisions = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${response.body.id}/decisions`)
      .expect(200);
    expect(decisions.body.items[0]).toMatchObject({
      outcome: 'booked',
      explanation: expect.stringMatching(/own GP/),
    });
    expect(decisions.body.items[0].candidates[0]).toMatchObject({ ownGp: true, slotId: ownSlot });
  });

  it('spreads 30 requests over 3 equivalent GPs 10/10/10, and respects weekly caps', async () => {
    const tenant = await t.tenant();
    const gps = [];
    for (let i = 0; i < 3; i++) gps.push(await createPractitioner(t, tenant.cpts.id));
    const capped = await createPractitioner(t, tenant.cpts.id, { weeklyUrgentCap: 2 });
    for (let k = 0; k < 12; k++) {
      for (const gp of [...gps, capped]) await createSlot(t, tenant.cpts.id, gp, 60 + k * 30);
    }
    const booked: string[] = [];
    for (let i = 0; i < 30; i++) {
      const response = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
      expect(response.body.status).toBe('booked');
      booked.push(response.body.appointment.practitioner.id);
    }
    const counts = [...gps, capped].map((gp) => booked.filter((id) => id === gp).length);
    expect(counts[3]).toBeLessThanOrEqual(2);
    for (const count of counts.slice(0, 3))
      expect(Math.abs(count - (30 - counts[3]) / 3)).toBeLessThanOrEqual(1);
  });

  it("books concurrent requests into one GP's later slots when the earliest are taken", async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id);
    for (let i = 0; i < 15; i++) await createSlot(t, tenant.cpts.id, gp, 60 + i * 30);
    const responses = await Promise.all(
      Array.from({ length: 12 }, () => fileRequest(t, tenant.platform, requestBody('urgent'))),
    );
    expect(responses.map((response) => response.body.status as string)).toEqual(
      Array.from({ length: 12 }, () => 'booked'),
    );
    const slots = new Set(responses.map((response) => response.body.appointment.slotId as string));
    expect(slots.size).toBe(12);
  });

  it('books a pending request within a second of a slot being published', async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id);
    const gpToken = await t.token(tenant.cpts.id, 'practitioner', gp);
    const filed = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    expect(filed.body.status).toBe('pending');
    const published = Date.now();
    await t
      .http(gpToken)
      .post(`/api/v1/practitioners/${gp}/slots`)
      .send({ startsAt: inMinutes(120), endsAt: inMinutes(140), mode: 'in_person' })
      .expect(201);
    await eventually(async () => (await requestStatus(t, filed.body.id)) === 'booked', {
      timeoutMs: 1000,
      intervalMs: 20,
    });
    expect(Date.now() - published).toBeLessThan(1000);
  });

  it("gives a cancelled booking's slot to the oldest pending request that fits", async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id);
    const slot = await createSlot(t, tenant.cpts.id, gp, 120);
    const first = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    expect(first.body.status).toBe('booked');
    const teleOnly = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { acceptedModes: ['teleconsultation'] }),
    ).expect(201);
    const oldest = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    const newer = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    for (const r of [teleOnly, oldest, newer]) expect(r.body.status).toBe('pending');
    const cancelled = await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${first.body.id}/cancel`)
      .send({ reason: 'patient guéri' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await eventually(async () => (await requestStatus(t, oldest.body.id)) === 'booked', {
      timeoutMs: 2000,
    });
    expect(await requestStatus(t, teleOnly.body.id)).toBe('pending');
    expect(await requestStatus(t, newer.body.id)).toBe('pending');
    const got = await t.http(tenant.platform).get(`/api/v1/requests/${oldest.body.id}`).expect(200);
    expect(got.body.appointment.slotId).toBe(slot);
  });

  describe('a practitioner another request is booking at this instant', () => {
    /** Holds a practitioner's row lock, as a booking in progress does, until `release`. */
    async function holdPractitioner(cptsId: string, practitionerId: string) {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const lockTaken = new Promise<void>((resolve) => (locked = resolve));
      const holder = t.db.tenant(cptsId, async (manager) => {
        await manager.query('SELECT 1 FROM practitioner WHERE id = $1 FOR UPDATE', [
          practitionerId,
        ]);
        locked();
        await released;
      });
      await lockTaken;
      // Never left hanging: if the request under test waited for the lock, it gets it here.
      const safety = setTimeout(release, 5_000);
      return async () => {
        clearTimeout(safety);
        release();
        await holder;
      };
    }

    it('is passed over for one as near, without waiting', async () => {
      const tenant = await t.tenant();
      const busy = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
      const free = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
      await createSlot(t, tenant.cpts.id, busy, 90);
      const other = await createSlot(t, tenant.cpts.id, free, 120);
      const release = await holdPractitioner(tenant.cpts.id, busy);
      const response = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
      await release();
      expect(response.body.status).toBe('booked');
      expect(response.body.appointment).toMatchObject({ slotId: other });
      const decisions = await t
        .http(tenant.coordinator)
        .get(`/api/v1/requests/${response.body.id}/decisions`)
        .expect(200);
      expect(JSON.stringify(decisions.body)).toContain(
        `passed over, being booked by another request at that instant: ${busy}`,
      );
    });

    it('is waited for rather than book a farther practice', async () => {
      const tenant = await t.tenant();
      const busy = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
      const far = await createPractitioner(t, tenant.cpts.id, { communeCode: '56186' });
      const near = await createSlot(t, tenant.cpts.id, busy, 90);
      await createSlot(t, tenant.cpts.id, far, 60);
      const release = await holdPractitioner(tenant.cpts.id, busy);
      let answered = false;
      const filing = fileRequest(t, tenant.platform, requestBody('urgent')).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(answered).toBe(false);
      await release();
      const response = await filing;
      expect(response.status).toBe(201);
      expect(response.body.appointment).toMatchObject({ slotId: near });
    });
  });
});

describe.each([1, 2, 3])('orientation storm (seed %i)', (seed) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  it('books exactly 50 of 200 concurrent urgent requests for 50 slots, each slot once, no 5xx', async () => {
    let state = seed * 7919;
    const random = () => (state = (state * 48271) % 2147483647) / 2147483647;
    const tenant = await t.tenant();
    const communes = ['56007', '56034', '56186'];
    const gps: string[] = [];
    for (let i = 0; i < 10; i++)
      gps.push(await createPractitioner(t, tenant.cpts.id, { communeCode: communes[i % 3] }));
    for (let i = 0; i < 50; i++)
      await createSlot(t, tenant.cpts.id, gps[Math.floor(random() * gps.length)], 60 + i * 25);
    const bodies = Array.from({ length: 200 }, () =>
      requestBody('urgent', { communeCode: communes[Math.floor(random() * 3)] }),
    );
    const responses = await Promise.all(
      bodies.map((body) => fileRequest(t, tenant.platform, body)),
    );
    expect(responses.filter((r) => r.status >= 500)).toEqual([]);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const statuses = responses.map((r) => r.body.status as string);
    await eventually(async () => {
      const [row] = await t.db.system((m) =>
        m.query(
          `SELECT count(*) FILTER (WHERE status = 'booked')::int AS booked, count(*) FILTER (WHERE status = 'pending')::int AS pending FROM orientation_request WHERE cpts_id = $1`,
          [tenant.cpts.id],
        ),
      );
      return row.booked === 50 && row.pending === 150;
    });
    expect(statuses.filter((s) => s === 'booked').length).toBeGreaterThan(0);
    const [slots] = await t.db.system((m) =>
      m.query(
        `SELECT count(*) FILTER (WHERE status = 'booked')::int AS booked, count(*)::int AS total FROM slot WHERE cpts_id = $1`,
        [tenant.cpts.id],
      ),
    );
    expect(slots).toEqual({ booked: 50, total: 50 });
    const [appointments] = await t.db.system((m) =>
      m.query(
        `SELECT count(*)::int AS n, count(DISTINCT slot_id)::int AS slots, count(DISTINCT request_id)::int AS requests FROM appointment WHERE cpts_id = $1 AND status = 'booked'`,
        [tenant.cpts.id],
      ),
    );
    expect(appointments).toEqual({ n: 50, slots: 50, requests: 50 });
  });
});
