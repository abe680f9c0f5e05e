import { fileRequest, requestBody, requestStatus } from './support/orientation-fixtures';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

interface HistoryEntry {
  type: string;
  detail: { note?: string; fromStatus?: string; actorTokenId?: string; to?: string };
}

describe('coordinator actions, audited', () => {
  let t: TestApp;
  let tenant: Tenant;
  let coordinatorTokenId: string;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    const [row] = await t.db.system((m) =>
      m.query<Array<{ id: string }>>(
        `SELECT id FROM access_token WHERE cpts_id = $1 AND role = 'coordinator'`,
        [tenant.cpts.id],
      ),
    );
    coordinatorTokenId = row.id;
  });

  afterAll(() => t.close());

  const pendingRequest = async () => {
    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { acceptedModes: ['home_visit'] }),
    ).expect(201);
    expect(filed.body.status).toBe('pending');
    return filed.body.id as string;
  };

  it('assigns a request to a chosen free slot, past the weekly cap, with the note in the history', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, { weeklyUrgentCap: 0 });
    const slot = await createSlot(t, tenant.cpts.id, gp, 180);
    const id = await pendingRequest();
    const response = await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${id}/assign`)
      .send({ practitionerId: gp, slotId: slot, note: 'Dr accepte malgré son plafond' })
      .expect(200);
    expect(response.body).toMatchObject({ status: 'booked', appointment: { slotId: slot } });
    const entry = (response.body.history as HistoryEntry[]).find((item) => item.type === 'booked');
    expect(entry?.detail).toMatchObject({
      note: 'Dr accepte malgré son plafond',
      fromStatus: 'pending',
      actorTokenId: coordinatorTokenId,
    });
    // The slot is now taken: assigning another request to it is a conflict, and changes nothing.
    const other = await pendingRequest();
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${other}/assign`)
      .send({ practitionerId: gp, slotId: slot, note: 'x' })
      .expect(409);
    expect(await requestStatus(t, other)).toBe('pending');
  });

  it('books outside published slots (surnuméraire) at an agreed time', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const id = await pendingRequest();
    const startsAt = inMinutes(240);
    const response = await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${id}/assign`)
      .send({ practitionerId: gp, startsAt, note: 'accord téléphonique' })
      .expect(200);
    expect(response.body.status).toBe('booked');
    expect(response.body.appointment.slotId).toBeNull();
    expect(Date.parse(response.body.appointment.startsAt)).toBe(Date.parse(startsAt));
  });

  it('redirects with a note, and only coordinators may', async () => {
    const id = await pendingRequest();
    await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${id}/redirect`)
      .send({ to: 'mmg', note: 'x' })
      .expect(403);
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${id}/redirect`)
      .send({ to: 'hospital', note: 'x' })
      .expect(400);
    const response = await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${id}/redirect`)
      .send({ to: 'mmg', note: 'MMG d’Auray ce soir' })
      .expect(200);
    expect(response.body.status).toBe('redirected');
    const entry = (response.body.history as HistoryEntry[]).find(
      (item) => item.type === 'redirected',
    );
    expect(entry?.detail).toMatchObject({
      to: 'mmg',
      note: 'MMG d’Auray ce soir',
      fromStatus: 'pending',
      actorTokenId: coordinatorTokenId,
    });
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/requests/${id}/redirect`)
      .send({ to: 'mmg', note: 'again' })
      .expect(409);
  });

  it("records the outcome, by the appointment's practitioner only", async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    const other = await createPractitioner(t, tenant.cpts.id);
    await createSlot(t, tenant.cpts.id, gp, 120, { mode: 'home_visit' });
    await t.db.system((m) =>
      m.query(`UPDATE practitioner SET modes = '{in_person,home_visit}' WHERE id = $1`, [gp]),
    );
    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { acceptedModes: ['home_visit'] }),
    ).expect(201);
    expect(filed.body.status).toBe('booked');
    const otherToken = await t.token(tenant.cpts.id, 'practitioner', other);
    await t
      .http(otherToken)
      .post(`/api/v1/requests/${filed.body.id}/outcome`)
      .send({ outcome: 'honoured' })
      .expect(403);
    await t.http(otherToken).get(`/api/v1/requests/${filed.body.id}`).expect(403);
    const gpToken = await t.token(tenant.cpts.id, 'practitioner', gp);
    const response = await t
      .http(gpToken)
      .post(`/api/v1/requests/${filed.body.id}/outcome`)
      .send({ outcome: 'no_show' })
      .expect(200);
    expect(response.body.appointment.outcome).toBe('no_show');
  });
});
