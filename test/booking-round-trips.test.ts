import { queriesSent } from '../src/database/query-counter';
import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/**
 * Round trips to PostgreSQL of one urgent request booked on arrival (docs/benchmarks.md holds the
 * budget). The API role only, so that no worker or sweep queries the database meanwhile.
 */
const ROUND_TRIP_BUDGET = 15;

describe('round trips of one urgent booking', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
    tenant = await t.tenant();
    await seedCentres(t);
    for (let i = 0; i < 5; i++) {
      const id = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
      await createSlot(t, tenant.cpts.id, id, 120 + i * 30);
    }
  });

  afterAll(() => t?.close());

  it(`books in at most ${ROUND_TRIP_BUDGET} round trips`, async () => {
    // The service's own statement counter (db_queries_total): every statement is a round trip.
    const before = queriesSent();
    const response = await fileRequest(t, tenant.platform, requestBody('urgent'));
    const counted = queriesSent() - before;
    expect(response.status).toBe(201);
    expect(response.body.status).toBe('booked');
    expect(counted).toBeLessThanOrEqual(ROUND_TRIP_BUDGET);
  });
});
