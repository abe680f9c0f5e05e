import { queriesSent } from '../src/database/query-counter';
import { CommunesService } from '../src/territory/communes.service';
import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/**
 * Round trips to PostgreSQL of one urgent request booked on arrival (docs/benchmarks.md holds the
 * budget). The API role only, so that no worker or sweep queries the database meanwhile.
 */
const ROUND_TRIP_BUDGET = 12;

describe('round trips of one urgent booking', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api' });
    tenant = await t.tenant();
    await seedCentres(t);
    // The instance's copy of the commune centres, as it is once running (read every 10 minutes).
    await t.app.get(CommunesService).copyCentres();
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

/**
 * Every statement of a booking is prepared once per connection (src/database/prepared-statements.ts),
 * and PostgreSQL keeps a generic plan for it after five calls unless that plan looks costlier. One
 * whose plan depends on each call's values (an array's length, say) is planned afresh every time:
 * the outbox insert and the GP's person were, 0.6 to 0.7 ms each per booking. One connection, so
 * that pg_prepared_statements, read on both, shows every statement the bookings ran.
 */
describe('plans of the urgent booking statements', () => {
  const BOOKINGS = 12;
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ APP_ROLE: 'api', DATABASE_POOL_SIZE: '2' });
    tenant = await t.tenant();
    await seedCentres(t);
    for (let i = 0; i < 4; i++) {
      const id = await createPractitioner(t, tenant.cpts.id, { communeCode: '56007' });
      for (let k = 0; k < BOOKINGS / 4; k++) await createSlot(t, tenant.cpts.id, id, 120 + k * 30);
    }
    // A CPTS of some size, analysed: plans are chosen from the statistics.
    await t.db.tenant(tenant.cpts.id, (manager) =>
      manager.query(
        `INSERT INTO practitioner (rpps, first_name, last_name, email, phone, address, commune_code,
                                   modes, active)
         SELECT lpad((90000000000 + i)::text, 11, '0'), 'Anne', 'Le Goff', 'dr' || i || '@example.invalid',
                '+33600000000', '1 rue de la Gare', '56186', '{in_person}', i % 2 = 0
           FROM generate_series(1, 3000) i`,
      ),
    );
    await t.db.system((manager) => manager.query('ANALYZE practitioner, person, slot'));
  });

  afterAll(() => t?.close());

  it('keeps a generic plan for each statement run at every booking', async () => {
    for (let i = 0; i < BOOKINGS; i++) {
      const response = await fileRequest(t, tenant.platform, requestBody('urgent'));
      expect(response.body.status).toBe('booked');
    }
    // Both connections at once, each reporting its own prepared statements.
    const perConnection = await Promise.all(
      [0, 1].map(() =>
        t.db.system((manager) =>
          manager.query<Array<{ statement: string; generic: number; custom: number }>>(
            `SELECT statement, generic_plans::int AS generic, custom_plans::int AS custom
               FROM pg_prepared_statements, pg_sleep(0.1)`,
          ),
        ),
      ),
    );
    const rows = perConnection.flat();
    const runs = new Map<string, number>();
    for (const { statement, generic, custom } of rows) {
      runs.set(statement, (runs.get(statement) ?? 0) + generic + custom);
    }
    expect([...runs.values()].filter((count) => count >= BOOKINGS).length).toBeGreaterThanOrEqual(
      8,
    );
    // PostgreSQL plans each statement with the values of its first five calls on a connection.
    const replanned = rows
      .filter(({ custom }) => custom > 5)
      .map(
        ({ statement, custom }) =>
          `${custom} plans: ${statement.replace(/\s+/g, ' ').slice(0, 100)}`,
      );
    expect(replanned).toEqual([]);
  });
});
