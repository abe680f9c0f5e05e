import { AvailabilityEvents } from '../src/availability/live/availability-events.service';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/** `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` of a statement, as far as this test reads it. */
type Explained = Array<{ 'QUERY PLAN': Array<{ Plan: { 'Shared Hit Blocks': number } }> }>;

const EVENTS = 3_000;

/**
 * The assigner numbers events through the partial index of those without a position; each one it
 * numbers leaves a dead entry there until VACUUM. Its runs must not read the heap again for every
 * event numbered since (migration AssignerKillsDeadEntries): the work of a run stays that of the
 * events it numbers, whatever autovacuum has or has not done yet.
 */
describe('availability event assigner', () => {
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    // No API instance: the only assigner runs are the test's own.
    t = await startTestApp({ APP_ROLE: 'worker' });
    tenant = await t.tenant();
  });

  afterAll(() => t?.close());

  /**
   * Blocks a run reads, the function's own statements included, right after a run on the same
   * connection: that one compiled and planned the function (not counted) and met each dead entry
   * once more.
   */
  async function blocksOfARun(): Promise<number> {
    const [row] = await t.db.system(async (manager) => {
      await manager.query('SELECT assign_availability_event_positions()');
      return manager.query<Explained>(
        'EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT assign_availability_event_positions()',
      );
    });
    return row['QUERY PLAN'][0].Plan['Shared Hit Blocks'];
  }

  it('does not revisit the events it has already numbered', async () => {
    await t.db.system((manager) =>
      manager.query(
        `INSERT INTO availability_event (cpts_id, type, payload)
         SELECT $1, 'slot.booked', '{}' FROM generate_series(1, ${EVENTS})`,
        [tenant.cpts.id],
      ),
    );
    const events = t.app.get(AvailabilityEvents);
    expect(await events.assignPositions()).toBe(EVENTS);

    const [{ pages }] = await t.db.system((manager) =>
      manager.query<Array<{ pages: number }>>(
        `SELECT (pg_relation_size('availability_event') / current_setting('block_size')::int)::int AS pages`,
      ),
    );
    // A bitmap scan of the partial index read every heap page the events are on, at every run.
    expect(pages).toBeGreaterThan(50);
    expect(await blocksOfARun()).toBeLessThan(pages / 3);
    expect(await events.assignPositions()).toBe(0);
  });
});
