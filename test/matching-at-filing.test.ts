import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/**
 * Matching runs in the filing transaction; when it fails, the request must be filed all the same,
 * pending, with nothing of the failed attempt left. The fault is a real one: PostgreSQL refuses
 * the appointment's insert, as it would on a broken constraint, in the middle of the booking.
 */
describe('a request whose matching fails as it is filed', () => {
  let t: TestApp;
  let tenant: Tenant;
  let slotId: string;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
    tenant = await t.tenant();
    await seedCentres(t);
    const practitionerId = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
    slotId = await createSlot(t, tenant.cpts.id, practitionerId, 120);
    await t.db.system(async (manager) => {
      await manager.query(`CREATE FUNCTION refuse_appointment() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN RAISE EXCEPTION 'appointments refused by the test'; END $$`);
      await manager.query(`CREATE TRIGGER refuse_appointment BEFORE INSERT ON appointment
        FOR EACH ROW EXECUTE FUNCTION refuse_appointment()`);
    });
  });

  afterAll(() => t?.close());

  it('is filed pending, once, with the slot still free and no trace of the attempt', async () => {
    const key = `failing-match-${Date.now()}`;
    const body = requestBody('urgent');
    const response = await fileRequest(t, tenant.platform, body, key);
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('pending');

    const [state] = await t.db.system((manager) =>
      manager.query<
        Array<{
          requests: number;
          appointments: number;
          decisions: number;
          slot: string;
          history: string[];
        }>
      >(
        `SELECT (SELECT count(*)::int FROM orientation_request WHERE idempotency_key = $1) AS requests,
                (SELECT count(*)::int FROM appointment) AS appointments,
                (SELECT count(*)::int FROM matching_decision) AS decisions,
                (SELECT status FROM slot WHERE id = $2) AS slot,
                (SELECT array_agg(type ORDER BY at) FROM request_event WHERE request_id = $3) AS history`,
        [key, slotId, response.body.id],
      ),
    );
    expect(state).toEqual({
      requests: 1,
      appointments: 0,
      decisions: 0,
      slot: 'free',
      history: ['created'],
    });

    // The same key answers the request that was filed.
    const replay = await fileRequest(t, tenant.platform, body, key);
    expect(replay.status).toBe(200);
    expect(replay.body.id).toBe(response.body.id);
  });
});
