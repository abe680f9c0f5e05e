import { OrientationRequest } from '../src/orientation/requests/orientation-request.entity';
import { UrgentMatcher } from '../src/orientation/urgent/urgent-matcher.service';
import { insertRequest, seedCentres } from './support/orientation-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

/** A node of `EXPLAIN (FORMAT JSON)`, as far as this test reads it. */
interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  Plans?: PlanNode[];
}

interface Visit {
  node: PlanNode;
  /** Whether the node runs once per row of an outer input (inner side of a nested loop, a SubPlan). */
  perOuterRow: boolean;
}

function walk(node: PlanNode, perOuterRow = false, into: Visit[] = [], parent?: PlanNode): Visit[] {
  const repeated =
    perOuterRow ||
    node['Parent Relationship'] === 'SubPlan' ||
    (parent?.['Node Type'] === 'Nested Loop' && node['Parent Relationship'] === 'Inner');
  into.push({ node, perOuterRow: repeated });
  for (const child of node.Plans ?? []) walk(child, repeated, into, node);
  return into;
}

/** Whether this subtree reads the bookings without the candidate practitioner as index key. */
function unkeyedBookingScan(node: PlanNode): boolean {
  if (node['Relation Name'] === 'appointment') {
    return !/practitioner_id/.test(node['Index Cond'] ?? node['Recheck Cond'] ?? '');
  }
  return (node.Plans ?? []).some(unkeyedBookingScan);
}

const PRACTITIONERS = 150;
const SLOTS_EACH = 8;
const BOOKINGS = 400;

/**
 * The candidates query on a CPTS whose tables were just filled and never analysed (the planner then
 * guesses one row everywhere): the weekly count of bookings must be read per candidate from an
 * index, never computed over every booking of the CPTS once per slot.
 */
describe('the candidates query plan on fresh, un-analysed tables', () => {
  let t: TestApp;
  let tenant: Tenant;
  let request: OrientationRequest;

  beforeAll(async () => {
    t = await startTestApp();
    tenant = await t.tenant();
    await seedCentres(t);
    await t.db.system(async (manager) => {
      for (const table of ['practitioner', 'slot', 'appointment', 'orientation_request']) {
        await manager.query(`ALTER TABLE ${table} SET (autovacuum_enabled = false)`);
      }
    });
    await t.db.tenant(tenant.cpts.id, async (manager) => {
      await manager.query(
        `INSERT INTO practitioner (rpps, first_name, last_name, email, phone, address, commune_code,
                                   latitude, longitude, modes, weekly_urgent_cap)
         SELECT lpad(i::text, 11, '0'), 'Anne', 'Le Goff', 'dr@example.invalid', '+33600000000',
                '1 rue de la Gare', '56007', 47.55 + (i % 15) * 0.015, -3.1 + (i / 15) * 0.025,
                '{in_person,teleconsultation}', 40
           FROM generate_series(1, $1) i`,
        [PRACTITIONERS],
      );
      await manager.query(
        `INSERT INTO slot (practitioner_id, starts_at, ends_at, mode)
         SELECT p.id, date_trunc('hour', now()) + interval '1 hour' + (k * 6 + (p.rn % 5)) * interval '1 hour',
                date_trunc('hour', now()) + interval '1 hour' + (k * 6 + (p.rn % 5)) * interval '1 hour'
                  + interval '20 minutes', 'in_person'
           FROM (SELECT id, row_number() OVER (ORDER BY rpps) AS rn FROM practitioner) p,
                generate_series(0, $1 - 1) k`,
        [SLOTS_EACH],
      );
      await manager.query(
        `WITH gp AS (SELECT id, row_number() OVER (ORDER BY rpps) - 1 AS n FROM practitioner),
         booked AS (
           INSERT INTO orientation_request (reference, kind, status, idempotency_key, body_hash,
                      patient_first_name, patient_last_name, patient_birth_date, patient_phone,
                      patient_commune_code, accepted_modes, created_at, deadline_at, closed_at)
           SELECT 'R-' || i, 'urgent', 'booked', 'k-' || i, 'h', 'P', 'T', '1980-01-01',
                  '+33600000000', '56007', '{in_person}', now() - (i % 160) * interval '1 hour',
                  now() + interval '1 day', now()
             FROM generate_series(1, $1) i
           RETURNING id, reference)
         INSERT INTO appointment (request_id, practitioner_id, starts_at, ends_at, mode, source,
                                  status, created_at)
         SELECT b.id, gp.id, now() - interval '1 day', now() - interval '1 day' + interval '20 minutes',
                'in_person', 'matching', CASE WHEN i % 10 = 0 THEN 'cancelled' ELSE 'booked' END,
                now() - (i % 160) * interval '1 hour'
           FROM booked b
           JOIN LATERAL (SELECT substr(b.reference, 3)::int AS i) r ON true
           JOIN gp ON gp.n = (r.i * 7) % $2`,
        [BOOKINGS, PRACTITIONERS],
      );
      const id = await insertRequest(manager, { acceptedModes: ['in_person', 'teleconsultation'] });
      request = await manager.findOneByOrFail(OrientationRequest, { id });
    });
  });

  afterAll(() => t?.close());

  it('starts from tables the planner knows nothing about', async () => {
    const analysed = await t.db.system((manager) =>
      manager.query<Array<{ relname: string }>>(
        `SELECT relname FROM pg_stat_user_tables
          WHERE relname IN ('practitioner', 'slot', 'appointment')
            AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)`,
      ),
    );
    expect(analysed).toEqual([]);
  });

  /** The candidates query of the fixture's request, run under EXPLAIN ANALYZE. */
  function candidatesPlan(): Promise<PlanNode> {
    const matcher = t.app.get(UrgentMatcher);
    return t.db.tenant(tenant.cpts.id, async (manager) => {
      const { sql, parameters } = await matcher.candidatesQuery(manager, request, new Date());
      const [row] = await manager.query<Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        parameters,
      );
      return row['QUERY PLAN'][0].Plan;
    });
  }

  /** Rows a scan read, kept or filtered out, over all its loops. */
  function rowsRead(node: PlanNode): number {
    return (
      ((node['Actual Rows'] ?? 0) + (node['Rows Removed by Filter'] ?? 0)) *
      (node['Actual Loops'] ?? 1)
    );
  }

  it('reads the weekly bookings, the practitioner and each practice’s earliest slots from an index, not the whole CPTS per slot', async () => {
    const visits = walk(await candidatesPlan());
    const bookingScans = visits.filter(({ node }) => node['Relation Name'] === 'appointment');
    expect(bookingScans.length).toBeGreaterThan(0);

    // No aggregate, sort or hash over every booking re-run for each outer row, and a scan of the
    // bookings repeated per row is keyed by the candidate practitioner.
    const nested = visits.filter(
      ({ node, perOuterRow }) =>
        perOuterRow &&
        (['Aggregate', 'Sort', 'Hash', 'Materialize'].includes(node['Node Type']) ||
          node['Relation Name'] === 'appointment') &&
        unkeyedBookingScan(node),
    );
    expect(nested.map(({ node }) => node['Node Type'])).toEqual([]);
    // The practitioner of each slot is read by its primary key, never the CPTS's every practitioner
    // once per slot.
    const practitionerScans = visits.filter(
      ({ node, perOuterRow }) => perOuterRow && node['Relation Name'] === 'practitioner',
    );
    for (const { node } of practitionerScans) {
      expect(node['Index Cond'] ?? node['Recheck Cond'] ?? '').toMatch(/\(id = /);
    }
    // Each practice's earliest slots come from an index keyed by the practice, never a scan of
    // every free slot of the CPTS.
    const slotScans = visits.filter(({ node }) => node['Relation Name'] === 'slot');
    expect(slotScans.length).toBeGreaterThan(0);
    for (const { node } of slotScans) {
      expect(node['Index Cond'] ?? node['Recheck Cond'] ?? '').toMatch(/practitioner_id = /);
    }
    // What the execution read from the bookings: each booking of the CPTS a few times at most (a
    // practice's few candidate slots), never once per slot of the whole territory.
    const bookingRowsRead = bookingScans.reduce((sum, { node }) => sum + rowsRead(node), 0);
    expect(bookingRowsRead).toBeLessThanOrEqual(3 * BOOKINGS);
  });

  it('reads no commune centre for practices that have a position of their own', async () => {
    // Every practice of the fixture has its coordinates. Joined as a table, the centres of all of
    // France were read and hashed for every request (PRACTICE_CENTRE_JOIN).
    const centreScans = walk(await candidatesPlan()).filter(
      ({ node }) => node['Relation Name'] === 'commune_centre',
    );
    expect(centreScans.map(({ node }) => rowsRead(node))).toEqual(centreScans.map(() => 0));
  });
});
