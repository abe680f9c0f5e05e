import { Client } from 'pg';

import {
  LIVE_TABLE_FREE_SLOTS_SQL,
  LIVE_TABLE_PRACTITIONERS_SQL,
} from '../src/availability/live/live-table.service';
import { TENANT_ROLE } from '../src/database/database';
import { createScratchDatabase, ScratchDatabase } from './support/scratch-database';

/**
 * Builds a national-scale dataset and prints the plans of the live table's queries.
 * AVAILABILITY_SCALE=1 gives the full scale (60,000 practitioners in 400 CPTS, 1,000,000 future
 * slots over 30 days, a tenth of them booked); CI runs a twentieth of it.
 */
const SCALE = Number(process.env.AVAILABILITY_SCALE ?? '0.05');
const CPTS = Math.max(10, Math.round(400 * SCALE));
const PRACTITIONERS = Math.round(60_000 * SCALE);
const SLOTS_PER_PRACTITIONER = 17;
const HOURS_BETWEEN_SLOTS = 42;

describe(`live table plans at scale ${SCALE} (${PRACTITIONERS} practitioners)`, () => {
  let database: ScratchDatabase;
  let client: Client;

  beforeAll(async () => {
    database = await createScratchDatabase();
    client = new Client({ connectionString: database.url });
    await client.connect();
    await client.query(
      `INSERT INTO cpts (slug, name) SELECT 'cpts-' || n, 'CPTS ' || n FROM generate_series(1, $1) n`,
      [CPTS],
    );
    await client.query(
      `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address,
                                 commune_code, latitude, longitude, modes, active)
       SELECT c.id, lpad(n::text, 11, '0'), 'Prénom', 'Nom ' || n, 'x@example.invalid',
              '+33600000000', 'adresse', '56007', 47.6 + (n % 100) / 1000.0, -2.9, '{in_person}',
              n % 20 <> 0
         FROM generate_series(1, $1) n
         JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM cpts) c ON c.k = n % $2`,
      [PRACTITIONERS, CPTS],
    );
    // Slots HOURS_BETWEEN_SLOTS apart per practitioner, staggered by quarter hours, over 30 days.
    await client.query(
      `INSERT INTO slot (cpts_id, practitioner_id, starts_at, ends_at, mode, status)
       SELECT p.cpts_id, p.id, t.s, t.s + interval '20 minutes', 'in_person',
              CASE WHEN (p.n + k) % 10 = 0 THEN 'booked' ELSE 'free' END
         FROM (SELECT id, cpts_id, row_number() OVER () AS n FROM practitioner) p
        CROSS JOIN generate_series(0, $1 - 1) k
        CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) + interval '1 hour'
                                   + k * interval '${HOURS_BETWEEN_SLOTS} hours'
                                   + (p.n % 160) * interval '15 minutes' AS s) t`,
      [SLOTS_PER_PRACTITIONER],
    );
    await client.query('ANALYZE');
  });

  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  async function explainAsTenant(sql: string, params: unknown[], before?: string): Promise<string> {
    await client.query('BEGIN');
    try {
      if (before) await client.query(before);
      const [{ id }] = (
        await client.query<{ id: string }>(`SELECT id FROM cpts ORDER BY slug LIMIT 1`)
      ).rows;
      await client.query(
        `SELECT set_config('app.cpts_id', $1, true), set_config('role', '${TENANT_ROLE}', true)`,
        [id],
      );
      const plan = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${sql}`,
        params,
      );
      return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await client.query('ROLLBACK');
    }
  }

  it('reads the free slots of a 48-hour window of one CPTS through the partial index', async () => {
    const counts = await client.query<{ practitioners: string; slots: string }>(
      `SELECT (SELECT count(*) FROM practitioner) AS practitioners, (SELECT count(*) FROM slot) AS slots`,
    );
    const from = new Date();
    const to = new Date(from.getTime() + 48 * 3600_000);
    const slots = await explainAsTenant(LIVE_TABLE_FREE_SLOTS_SQL, [from, to, null]);
    const practitioners = await explainAsTenant(LIVE_TABLE_PRACTITIONERS_SQL, [null]);
    // For comparison: the plan with only slot_free_by_start, which row-level security cannot use
    // to reach one CPTS's rows (the dropped index comes back with the rollback).
    const withoutTenantIndex = await explainAsTenant(
      LIVE_TABLE_FREE_SLOTS_SQL,
      [from, to, null],
      'DROP INDEX slot_free_by_cpts_start',
    );
    process.stdout.write(
      `\n${CPTS} CPTS, ${counts.rows[0].practitioners} practitioners, ${counts.rows[0].slots} slots\n` +
        `-- free slots of the window\n${slots}\n-- practitioners\n${practitioners}\n` +
        `-- free slots of the window, without slot_free_by_cpts_start\n${withoutTenantIndex}\n`,
    );
    expect(slots).toMatch(/Index Scan (using|on) slot_free_by_cpts_start/);
    expect(slots).not.toMatch(/Seq Scan/);
    expect(practitioners).not.toMatch(/Seq Scan on practitioner/);
    const milliseconds = Number(/Execution Time: ([\d.]+) ms/.exec(slots)?.[1]);
    expect(milliseconds).toBeLessThan(50);
  });
});
