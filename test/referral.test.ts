import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { expectProblem } from './support/problem';
import { createPractitioner } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface OfferItem {
  id: string;
  requestId: string;
  practitionerId: string;
  status: string;
  createdAt: string;
  expiresAt: string;
}

interface HistoryEntry {
  at: string;
  type: string;
  detail: Record<string, unknown>;
}

async function offersOf(
  t: TestApp,
  token: string,
  practitionerId: string,
  status?: string,
): Promise<OfferItem[]> {
  const response = await t
    .http(token)
    .get(`/api/v1/practitioners/${practitionerId}/offers`)
    .query(status ? { status } : {})
    .expect(200);
  return (response.body as { items: OfferItem[] }).items;
}

/** Every page of a practitioner's offers, `limit` at a time, following nextCursor. */
async function walkOffers(
  t: TestApp,
  token: string,
  practitionerId: string,
  query: Record<string, string>,
): Promise<OfferItem[][]> {
  const pages: OfferItem[][] = [];
  let cursor: string | null = null;
  do {
    const response = await t
      .http(token)
      .get(`/api/v1/practitioners/${practitionerId}/offers`)
      .query(cursor === null ? query : { ...query, cursor })
      .expect(200);
    const page = response.body as { items: OfferItem[]; nextCursor: string | null };
    pages.push(page.items);
    cursor = page.nextCursor;
    if (pages.length > 20) throw new Error('nextCursor never ends');
  } while (cursor !== null);
  return pages;
}

/** A practitioner's pending offers once there is at least one. */
function pendingOffersOnceMade(
  t: TestApp,
  token: string,
  practitionerId: string,
  timeoutMs?: number,
): Promise<OfferItem[]> {
  return eventually(
    async () => {
      const items = await offersOf(t, token, practitionerId, 'pending');
      return items.length > 0 ? items : undefined;
    },
    { timeoutMs },
  );
}

async function openPlaces(t: TestApp, practitionerId: string): Promise<number> {
  const [row] = await t.db.system((m) =>
    m.query<Array<{ n: number }>>('SELECT open_places AS n FROM practitioner WHERE id = $1', [
      practitionerId,
    ]),
  );
  return row.n;
}

describe('orientation: referring-physician requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  const pendingOffers = (token: string, practitionerId: string) =>
    offersOf(t, token, practitionerId, 'pending');

  it('offers to the nearest accepting GP, then the next on decline; accepting takes one place', async () => {
    const tenant: Tenant = await t.tenant();
    const near = await createPractitioner(t, tenant.cpts.id, {
      communeCode: '56007',
      accepting: true,
      openPlaces: 2,
    });
    const far = await createPractitioner(t, tenant.cpts.id, {
      communeCode: '56186',
      accepting: true,
      openPlaces: 1,
    });
    await createPractitioner(t, tenant.cpts.id, { communeCode: '56007', accepting: false });
    const nearToken = await t.token(tenant.cpts.id, 'practitioner', near);
    const farToken = await t.token(tenant.cpts.id, 'practitioner', far);

    const filed = await fileRequest(t, tenant.platform, requestBody('referring_physician')).expect(
      201,
    );
    expect(filed.body.status).toBe('offered');
    const [offer] = await pendingOffers(nearToken, near);
    expect(offer.requestId).toBe(filed.body.id);
    expect(await pendingOffers(farToken, far)).toEqual([]);
    // Another practitioner may neither see nor answer this offer.
    await t.http(farToken).get(`/api/v1/practitioners/${near}/offers`).expect(403);
    await t.http(farToken).post(`/api/v1/offers/${offer.id}/accept`).expect(403);

    await t
      .http(nearToken)
      .post(`/api/v1/offers/${offer.id}/decline`)
      .send({ reason: 'complet' })
      .expect(200);
    const [next] = await pendingOffers(farToken, far);
    expect(next.requestId).toBe(filed.body.id);
    await t.http(farToken).post(`/api/v1/offers/${next.id}/accept`).expect(200);
    expect(await requestStatus(t, filed.body.id)).toBe('assigned');
    expect(await openPlaces(t, far)).toBe(0);
    await t.http(farToken).post(`/api/v1/offers/${next.id}/accept`).expect(409);

    const got = await t.http(tenant.platform).get(`/api/v1/requests/${filed.body.id}`).expect(200);
    expect(got.body.assignment.practitioner.id).toBe(far);
    expect((got.body.history as Array<{ type: string }>).map((entry) => entry.type)).toEqual([
      'created',
      'offered',
      'offer_declined',
      'offered',
      'assigned',
    ]);
  });

  it('lets exactly one of 5 concurrent accepts take the last open place', async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id, { accepting: true, openPlaces: 5 });
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    for (let i = 0; i < 5; i++)
      await fileRequest(t, tenant.platform, requestBody('referring_physician')).expect(201);
    const offers = await pendingOffers(token, gp);
    expect(offers).toHaveLength(5);
    await t
      .http(tenant.coordinator)
      .put(`/api/v1/practitioners/${gp}/new-patient-capacity`)
      .send({ accepting: true, openPlaces: 1 })
      .expect(200);

    const answers = await Promise.all(
      offers.map((offer) => t.http(token).post(`/api/v1/offers/${offer.id}/accept`)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409, 409, 409]);
    expect(await openPlaces(t, gp)).toBe(0);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM orientation_request WHERE cpts_id = $1 AND status = 'assigned'`,
        [tenant.cpts.id],
      ),
    );
    expect(row.n).toBe(1);
  });

  it("pages a practitioner's offers newest first with nextCursor, each offer exactly once", async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id, { accepting: true, openPlaces: 6 });
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    const requests: string[] = [];
    for (let i = 0; i < 6; i++) {
      const filed = await fileRequest(t, tenant.platform, requestBody('referring_physician'));
      expect(filed.status).toBe(201);
      requests.push(filed.body.id as string);
    }
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${requests[0]}/cancel`)
      .send({ reason: 'doublon' })
      .expect(200);
    // Offers made within one millisecond (PostgreSQL keeps microseconds, a cursor milliseconds).
    const sameMillisecond = ['123456', '123789', '123001'];
    await t.db.system(async (m) => {
      const ids = await m.query<Array<{ id: string }>>(
        'SELECT id FROM offer WHERE practitioner_id = $1 ORDER BY id LIMIT 3',
        [gp],
      );
      for (const [index, { id }] of ids.entries()) {
        await m.query('UPDATE offer SET created_at = $2 WHERE id = $1', [
          id,
          `2026-01-05T10:00:00.${sameMillisecond[index]}Z`,
        ]);
      }
    });

    const all = await offersOf(t, token, gp);
    expect(all).toHaveLength(6);
    const newestFirst = [...all].sort(
      (x, y) =>
        Date.parse(y.createdAt) - Date.parse(x.createdAt) ||
        (y.id < x.id ? -1 : y.id > x.id ? 1 : 0),
    );
    expect(all.map((offer) => offer.id)).toEqual(newestFirst.map((offer) => offer.id));

    const pages = await walkOffers(t, token, gp, { limit: '2' });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2]);
    expect(pages.flat().map((offer) => offer.id)).toEqual(newestFirst.map((offer) => offer.id));

    const pending = await walkOffers(t, token, gp, { status: 'pending', limit: '2' });
    expect(pending.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pending.flat().map((offer) => offer.id)).toEqual(
      newestFirst.filter((offer) => offer.status === 'pending').map((offer) => offer.id),
    );
    expect(pending.flat().map((offer) => offer.requestId)).not.toContain(requests[0]);

    const url = `/api/v1/practitioners/${gp}/offers`;
    expectProblem(await t.http(token).get(url).query({ limit: '501' }), 400, 'limit');
    expectProblem(await t.http(token).get(url).query({ cursor: 'forged' }), 400, 'cursor');
  });

  it('offers capacity that appears to priority patients first', async () => {
    const tenant = await t.tenant();
    const ordinary = await fileRequest(
      t,
      tenant.platform,
      requestBody('referring_physician'),
    ).expect(201);
    const priority = await fileRequest(
      t,
      tenant.platform,
      requestBody('referring_physician', {}, { priorityFlags: ['ald'] }),
    ).expect(201);
    expect(ordinary.body.status).toBe('pending');
    expect(priority.body.status).toBe('pending');
    const gp = await createPractitioner(t, tenant.cpts.id);
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    await t
      .http(token)
      .put(`/api/v1/practitioners/${gp}/new-patient-capacity`)
      .send({ accepting: true, openPlaces: 1 })
      .expect(200);
    const offers = await pendingOffersOnceMade(t, token, gp);
    expect(offers.map((offer) => offer.requestId)).toEqual([priority.body.id]);
  });
});

describe('orientation: referring-physician offers left unanswered', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ OFFER_TTL: '2s', SWEEP_INTERVAL: '1s' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  it('expires an offer not answered within OFFER_TTL and asks the next candidate', async () => {
    const tenant = await t.tenant();
    const near = await createPractitioner(t, tenant.cpts.id, {
      communeCode: '56007',
      accepting: true,
      openPlaces: 1,
    });
    const far = await createPractitioner(t, tenant.cpts.id, {
      communeCode: '56186',
      accepting: true,
      openPlaces: 1,
    });
    const nearToken = await t.token(tenant.cpts.id, 'practitioner', near);
    const farToken = await t.token(tenant.cpts.id, 'practitioner', far);

    const filed = await fileRequest(t, tenant.platform, requestBody('referring_physician')).expect(
      201,
    );
    expect(filed.body.status).toBe('offered');
    const [first] = await offersOf(t, nearToken, near, 'pending');
    expect(first.requestId).toBe(filed.body.id);
    const ttl = Date.parse(first.expiresAt) - Date.parse(first.createdAt);
    expect(ttl).toBeGreaterThanOrEqual(2000);
    expect(ttl).toBeLessThan(3000);
    expect(await offersOf(t, farToken, far, 'pending')).toEqual([]);

    const [next] = await pendingOffersOnceMade(t, farToken, far, 8000);
    // Read at once: the next offer itself expires OFFER_TTL after it was made.
    const got = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(next.requestId).toBe(filed.body.id);
    expect(got.body.status).toBe('offered');
    const history = got.body.history as HistoryEntry[];
    expect(history.map((entry) => entry.type)).toEqual([
      'created',
      'offered',
      'offer_expired',
      'offered',
    ]);
    const [, , expired, reoffered] = history;
    expect(expired.detail).toMatchObject({ offerId: first.id, practitionerId: near });
    expect(Date.parse(expired.at)).toBeGreaterThanOrEqual(Date.parse(first.expiresAt));
    expect(reoffered.detail).toMatchObject({
      offerId: next.id,
      practitionerId: far,
      trigger: 'offer_expired',
    });

    const nearOffers = await offersOf(t, tenant.coordinator, near);
    expect(nearOffers.map((offer) => [offer.id, offer.status])).toEqual([[first.id, 'expired']]);
    await t.http(nearToken).post(`/api/v1/offers/${first.id}/accept`).expect(409);
    expect(await openPlaces(t, near)).toBe(1);
  });
});

describe('orientation: referring-physician requests past their deadline', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      ORIENTATION_DEADLINE: '4s',
      ESCALATE_BEFORE: '2s',
      SWEEP_INTERVAL: '1s',
    });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  it('closes a request nobody took as unmet, offers it late when capacity appears, and assigns it on acceptance', async () => {
    const tenant = await t.tenant();
    const gp = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    const filed = await fileRequest(t, tenant.platform, requestBody('referring_physician')).expect(
      201,
    );
    expect(filed.body.status).toBe('pending');

    await eventually(async () => (await requestStatus(t, filed.body.id)) === 'unmet', {
      timeoutMs: 10_000,
    });
    const unmet = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(unmet.body).toMatchObject({
      status: 'unmet',
      unmetReason: 'no_practitioner_accepting',
      late: true,
    });
    const closed = (unmet.body.history as HistoryEntry[]).filter((entry) => entry.type === 'unmet');
    expect(closed).toHaveLength(1);
    expect(closed[0].detail).toMatchObject({ fromStatus: 'pending', staysOnWaitingList: true });
    expect(await offersOf(t, token, gp, 'pending')).toEqual([]);

    await t
      .http(token)
      .put(`/api/v1/practitioners/${gp}/new-patient-capacity`)
      .send({ accepting: true, openPlaces: 1 })
      .expect(200);
    const [offer] = await pendingOffersOnceMade(t, token, gp);
    expect(offer.requestId).toBe(filed.body.id);
    const offered = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(offered.body.late).toBe(true);
    const offers = (offered.body.history as HistoryEntry[]).filter(
      (entry) => entry.type === 'offered',
    );
    expect(offers).toHaveLength(1);
    expect(offers[0].detail).toMatchObject({
      offerId: offer.id,
      practitionerId: gp,
      fromStatus: 'unmet',
      trigger: 'supply',
    });

    await t.http(token).post(`/api/v1/offers/${offer.id}/accept`).expect(200);
    expect(await requestStatus(t, filed.body.id)).toBe('assigned');
    expect(await openPlaces(t, gp)).toBe(0);
    const assigned = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(assigned.body).toMatchObject({ status: 'assigned', late: true });
    expect(assigned.body.assignment.practitioner.id).toBe(gp);
    const history = assigned.body.history as HistoryEntry[];
    expect(history.at(-1)).toMatchObject({
      type: 'assigned',
      detail: { practitionerId: gp, offerId: offer.id, late: true, fromStatus: 'unmet' },
    });
  });
});
