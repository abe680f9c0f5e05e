import { createPractitioner } from './support/slot-fixtures';
import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface OfferItem {
  id: string;
  requestId: string;
  status: string;
}

describe('orientation: referring-physician requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    await seedCentres(t);
  });

  afterAll(() => t.close());

  async function pendingOffers(token: string, practitionerId: string): Promise<OfferItem[]> {
    const response = await t
      .http(token)
      .get(`/api/v1/practitioners/${practitionerId}/offers?status=pending`)
      .expect(200);
    return (response.body as { items: OfferItem[] }).items;
  }

  async function openPlaces(practitionerId: string): Promise<number> {
    const [row] = await t.db.system((m) =>
      m.query<Array<{ n: number }>>('SELECT open_places AS n FROM practitioner WHERE id = $1', [
        practitionerId,
      ]),
    );
    return row.n;
  }

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
    expect(await openPlaces(far)).toBe(0);
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
    expect(await openPlaces(gp)).toBe(0);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM orientation_request WHERE cpts_id = $1 AND status = 'assigned'`,
        [tenant.cpts.id],
      ),
    );
    expect(row.n).toBe(1);
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
    const offers = await eventually(async () => {
      const items = await pendingOffers(token, gp);
      return items.length > 0 ? items : undefined;
    });
    expect(offers.map((offer) => offer.requestId)).toEqual([priority.body.id]);
  });
});
