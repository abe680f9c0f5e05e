import { asEntity, queryRows } from '../src/database/sql';
import { OrientationRequest } from '../src/orientation/requests/orientation-request.entity';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

describe('queryRows and asEntity', () => {
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    t = await startTestApp();
    a = await t.tenant();
  });
  afterAll(() => t.close());

  it('makes from a raw row the entity TypeORM reads: dates, arrays, nulls, jsonb', async () => {
    const filed = await fileRequest(
      t,
      a.platform,
      requestBody('urgent', { birthDate: '1944-02-29' }, { priorityFlags: ['ald', 'c2s'] }),
    ).expect(201);
    const id = (filed.body as { id: string }).id;
    await t.db.tenant(a.cpts.id, async (manager) => {
      const [row] = await queryRows<Record<string, unknown>>(
        manager,
        'SELECT * FROM orientation_request WHERE id = $1',
        [id],
      );
      const read = await manager.findOneByOrFail(OrientationRequest, { id });
      const hydrated = asEntity(manager, OrientationRequest, row);
      expect(hydrated).toBeInstanceOf(OrientationRequest);
      expect(hydrated).toEqual(read);
      expect(hydrated.patientBirthDate).toBe('1944-02-29');
      expect(hydrated.priorityFlags).toEqual(['ald', 'c2s']);
    });
  });

  it('opens a tenant transaction only for the UUID of a CPTS, which it writes into its first statement', async () => {
    let ran = false;
    await expect(
      t.db.tenant(`${a.cpts.id}', true), set_config('role', 'postgres`, () => {
        ran = true;
        return Promise.resolve();
      }),
    ).rejects.toThrow('a tenant transaction needs the UUID of a CPTS');
    expect(ran).toBe(false);
    const settings = await t.db.tenant(a.cpts.id, (manager) =>
      queryRows<{ cpts: string; role: string }>(
        manager,
        `SELECT current_setting('app.cpts_id') AS cpts, current_user AS role`,
      ),
    );
    expect(settings).toEqual([{ cpts: a.cpts.id, role: 'cpts_tenant' }]);
  });

  it('answers the rows of a SELECT and of an UPDATE … RETURNING alike, in a transaction or not', async () => {
    await t.db.system(async (manager) => {
      const selected = await queryRows<{ n: number }>(manager, 'SELECT 1 AS n');
      const updated = await queryRows<{ id: string }>(
        manager,
        'UPDATE cpts SET name = name WHERE id = $1 RETURNING id',
        [a.cpts.id],
      );
      expect(selected).toEqual([{ n: 1 }]);
      expect(updated).toEqual([{ id: a.cpts.id }]);
    });
    const outside = await queryRows<{ id: string }>(
      t.db.manager,
      'UPDATE cpts SET name = name WHERE id = $1 RETURNING id',
      [a.cpts.id],
    );
    expect(outside).toEqual([{ id: a.cpts.id }]);
  });
});
