import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';

import { MIGRATIONS } from '../migrations';
import { dataSourceOptions } from '../src/database/data-source';
import { runMigrations } from '../src/database/migrate';
import { statementName } from '../src/database/prepared-statements';
import { queryRows } from '../src/database/sql';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

/** More calls than PostgreSQL's five custom plans, so that a generic plan is used if it is kept. */
const CALLS = 12;

describe('prepared statements (PreparingClient)', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant();
    b = await t.tenant();
    await fileRequest(t, a.platform, requestBody('referring_physician')).expect(201);
    await fileRequest(t, b.platform, requestBody('referring_physician')).expect(201);
  });
  afterAll(() => t.close());

  const REFERENCES =
    'SELECT reference, cpts_id AS "cptsId" FROM orientation_request WHERE kind = $1';

  it('prepares a parameterised statement once per connection, under the name of its text', async () => {
    const prepared = await t.db.system(async (manager) => {
      for (let i = 0; i < 3; i += 1) await queryRows(manager, REFERENCES, ['referring_physician']);
      return queryRows<{ name: string; calls: number }>(
        manager,
        `SELECT name, (generic_plans + custom_plans)::int AS calls FROM pg_prepared_statements
          WHERE statement = $1`,
        [REFERENCES],
      );
    });
    expect(prepared).toEqual([{ name: statementName(REFERENCES), calls: 3 }]);
  });

  it('shows each CPTS only its rows, whichever tenant or role prepared and planned the statement first', async () => {
    let generic = 0;
    const seen = (cptsId: string) =>
      t.db.tenant(cptsId, async (manager) => {
        const answers: string[][] = [];
        for (let i = 0; i < CALLS; i += 1) {
          const rows = await queryRows<{ cptsId: string }>(manager, REFERENCES, [
            'referring_physician',
          ]);
          answers.push([...new Set(rows.map((row) => row.cptsId))]);
        }
        const [plans] = await queryRows<{ generic: number }>(
          manager,
          'SELECT generic_plans::int AS generic FROM pg_prepared_statements WHERE statement = $1',
          [REFERENCES],
        );
        generic += plans.generic;
        return answers;
      });
    // The pool reuses its connections: the same named statement, planned as one tenant, then
    // run as the other, then as the owner (which sees every CPTS).
    for (let round = 0; round < 3; round += 1) {
      expect(await seen(a.cpts.id)).toEqual(Array(CALLS).fill([a.cpts.id]));
      expect(await seen(b.cpts.id)).toEqual(Array(CALLS).fill([b.cpts.id]));
      const owner = await t.db.system((manager) =>
        queryRows<{ cptsId: string }>(manager, REFERENCES, ['referring_physician']),
      );
      expect(new Set(owner.map((row) => row.cptsId))).toEqual(new Set([a.cpts.id, b.cpts.id]));
    }
    expect(generic).toBeGreaterThan(0);
  });

  it('fails once when a table changes under a statement’s result, then prepares it afresh', async () => {
    await queryRows(t.db.manager, 'CREATE TABLE prepared_probe (id int PRIMARY KEY)');
    await queryRows(t.db.manager, 'INSERT INTO prepared_probe VALUES (1)');
    const probe = 'SELECT * FROM prepared_probe WHERE id = $1';
    // One connection for the whole test, so that the statement it prepared is the one that breaks.
    const runner = t.db.dataSource.createQueryRunner();
    try {
      expect(await runner.query(probe, [1])).toEqual([{ id: 1 }]);
      await queryRows(t.db.manager, 'ALTER TABLE prepared_probe ADD COLUMN note text');
      await expect(runner.query(probe, [1])).rejects.toMatchObject({ code: '0A000' });
      expect(await runner.query(probe, [1])).toEqual([{ id: 1, note: null }]);
    } finally {
      await runner.release();
      await queryRows(t.db.manager, 'DROP TABLE prepared_probe');
    }
  });

  it('prepares every statement afresh once a migration ran, so none fails on the changed table', async () => {
    await queryRows(t.db.manager, 'CREATE TABLE migrated_probe (id int PRIMARY KEY)');
    await queryRows(t.db.manager, 'INSERT INTO migrated_probe VALUES (1)');
    const probe = 'SELECT * FROM migrated_probe WHERE id = $1';
    class AddNote implements MigrationInterface {
      name = 'AddNote9999999999999';
      async up(runner: QueryRunner) {
        await runner.query('ALTER TABLE migrated_probe ADD COLUMN note text');
      }
      async down(runner: QueryRunner) {
        await runner.query('ALTER TABLE migrated_probe DROP COLUMN note');
      }
    }
    const url = (t.db.dataSource.options as { url: string }).url;
    const migrator = await new DataSource({
      ...dataSourceOptions(url, 2),
      migrations: [...MIGRATIONS, AddNote],
    }).initialize();
    const runner = t.db.dataSource.createQueryRunner();
    try {
      expect(await runner.query(probe, [1])).toEqual([{ id: 1 }]);
      const before = statementName(probe);
      expect(await runMigrations(migrator)).toEqual(['AddNote9999999999999']);
      // The service hears of it through its listener, then names the text anew.
      await eventually(() => Promise.resolve(statementName(probe) !== before));
      expect(await runner.query(probe, [1])).toEqual([{ id: 1, note: null }]);
    } finally {
      await runner.release();
      await migrator.undoLastMigration();
      await migrator.destroy();
      await queryRows(t.db.manager, 'DROP TABLE migrated_probe');
    }
  });

  it('leaves statements without parameters to the simple protocol', async () => {
    const prepared = await t.db.system(async (manager) => {
      await queryRows(manager, 'SELECT count(*) FROM cpts');
      return queryRows(manager, 'SELECT 1 FROM pg_prepared_statements WHERE statement LIKE $1', [
        'SELECT count(*) FROM cpts%',
      ]);
    });
    expect(prepared).toEqual([]);
  });
});
