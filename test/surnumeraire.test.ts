import { OrientationSweeper } from '../src/orientation/orientation-sweeper.service';
import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { expectProblem } from './support/problem';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const types = (history: unknown) => (history as Array<{ type: string }>).map((e) => e.type);

async function templatesOf(t: TestApp, requestId: string): Promise<string[]> {
  const rows = await t.db.system((m) =>
    m.query<Array<{ template: string }>>(
      'SELECT template FROM notification WHERE request_id = $1 ORDER BY created_at, id',
      [requestId],
    ),
  );
  return rows.map((row) => row.template);
}

describe('« Demander un surnuméraire »: a GP asked, through an offer, to see an urgent patient', () => {
  let t: TestApp;
  let tenant: Tenant;
  let gp: string;
  let gpToken: string;

  beforeAll(async () => {
    t = await startTestApp({ SURNUMERAIRE_ANSWER_WITHIN: '20m' });
    await seedCentres(t);
  });

  beforeEach(async () => {
    tenant = await t.tenant();
    gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Le Bihan' });
    gpToken = await t.token(tenant.cpts.id, 'practitioner', gp);
  });

  afterAll(() => t.close());

  /** An urgent request nothing fits (no slot at all), waiting. */
  const waiting = async () =>
    (await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201)).body as {
      id: string;
      status: string;
    };

  const ask = (requestId: string, body: object, token = tenant.platform) =>
    t.http(token).post(`/api/v1/requests/${requestId}/surnumeraire`).send(body);

  it('asks the GP, who accepts in one tap: the patient is booked at that time', async () => {
    const request = await waiting();
    expect(request.status).toBe('pending');
    const startsAt = inMinutes(120);
    const asked = await ask(request.id, { practitionerId: gp, startsAt }).expect(200);
    expect(asked.body.status).toBe('offered');
    expect(types(asked.body.history)).toEqual(['created', 'surnumeraire_asked']);
    expect(await templatesOf(t, request.id)).toContain('practitioner.surnumeraire_asked');

    const offers = await t
      .http(gpToken)
      .get(`/api/v1/practitioners/${gp}/offers?status=pending`)
      .expect(200);
    const [offer] = offers.body.items as Array<{ id: string; startsAt: string }>;
    expect(Date.parse(offer.startsAt)).toBe(Date.parse(startsAt));
    const accepted = await t.http(gpToken).post(`/api/v1/offers/${offer.id}/accept`).expect(200);
    expect(accepted.body).toEqual({ requestId: request.id, status: 'booked' });

    const shown = await t.http(tenant.platform).get(`/api/v1/requests/${request.id}`).expect(200);
    expect(shown.body.status).toBe('booked');
    expect(shown.body.appointment.slotId).toBeNull();
    expect(Date.parse(shown.body.appointment.startsAt)).toBe(Date.parse(startsAt));
    expect(shown.body.appointment.practitioner.lastName).toBe('Le Bihan');
    expect(await templatesOf(t, request.id)).toContain('patient.booked');
    const [appointment] = await t.db.system((m) =>
      m.query<Array<{ source: string }>>('SELECT source FROM appointment WHERE request_id = $1', [
        request.id,
      ]),
    );
    expect(appointment.source).toBe('surnumeraire');
  });

  it('puts the request back to waiting when the GP says no, or does not answer in time', async () => {
    const declined = await waiting();
    await ask(declined.id, { practitionerId: gp, startsAt: inMinutes(120) }).expect(200);
    const offers = await t
      .http(gpToken)
      .get(`/api/v1/practitioners/${gp}/offers?status=pending`)
      .expect(200);
    await t
      .http(gpToken)
      .post(`/api/v1/offers/${(offers.body.items as Array<{ id: string }>)[0].id}/decline`)
      .send({ reason: 'complet' })
      .expect(200);
    expect(await requestStatus(t, declined.id)).toBe('pending');

    const unanswered = await waiting();
    await ask(unanswered.id, { practitionerId: gp, startsAt: inMinutes(120) }).expect(200);
    await t.db.system((m) =>
      m.query(`UPDATE offer SET expires_at = now() - interval '1 second' WHERE request_id = $1`, [
        unanswered.id,
      ]),
    );
    await t.app.get(OrientationSweeper).sweep();
    expect(await requestStatus(t, unanswered.id)).toBe('pending');
    const shown = await t.http(tenant.platform).get(`/api/v1/requests/${unanswered.id}`);
    expect(types(shown.body.history)).toEqual(['created', 'surnumeraire_asked', 'offer_expired']);
  });

  it('gives a held slot back before asking', async () => {
    const slot = await createSlot(t, tenant.cpts.id, gp, 300);
    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { booking: 'propose' }),
    ).expect(201);
    expect(filed.body.status).toBe('held');
    const other = await createPractitioner(t, tenant.cpts.id);
    const asked = await ask(filed.body.id as string, {
      practitionerId: other,
      startsAt: inMinutes(90),
    }).expect(200);
    expect(types(asked.body.history)).toEqual([
      'created',
      'held',
      'hold_released',
      'surnumeraire_asked',
    ]);
    const [row] = await t.db.system((m) =>
      m.query<Array<{ status: string }>>('SELECT status FROM slot WHERE id = $1', [slot]),
    );
    expect(row.status).toBe('free');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    const request = await waiting();
    expectProblem(
      await ask(request.id, { practitionerId: gp, startsAt: inMinutes(-10) }),
      400,
      'startsAt',
    );
    expectProblem(
      await ask(request.id, { practitionerId: gp, startsAt: inMinutes(3 * 24 * 60) }),
      400,
      'startsAt',
    );
    expectProblem(
      await ask(request.id, { practitionerId: gp, startsAt: 'demain' }),
      400,
      'startsAt',
    );
    const stranger = await createPractitioner(t, (await t.tenant()).cpts.id);
    expectProblem(
      await ask(request.id, { practitionerId: stranger, startsAt: inMinutes(120) }),
      400,
      'practitionerId',
    );
    const referral = await fileRequest(t, tenant.platform, requestBody('referring_physician'));
    expectProblem(
      await ask(referral.body.id as string, { practitionerId: gp, startsAt: inMinutes(120) }),
      409,
    );
    expect(await requestStatus(t, request.id)).toBe('pending');
    expect(await templatesOf(t, request.id)).not.toContain('practitioner.surnumeraire_asked');
  });
});
