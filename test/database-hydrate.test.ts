import { hydrate } from '../src/database/hydrate';
import { OrientationRequest } from '../src/orientation/orientation-request.entity';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

describe('hydrate', () => {
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
      const [row] = await manager.query<Array<Record<string, unknown>>>(
        'SELECT * FROM orientation_request WHERE id = $1',
        [id],
      );
      const read = await manager.findOneByOrFail(OrientationRequest, { id });
      const hydrated = hydrate(manager, OrientationRequest, row);
      expect(hydrated).toBeInstanceOf(OrientationRequest);
      expect(hydrated).toEqual(read);
      expect(hydrated.patientBirthDate).toBe('1944-02-29');
      expect(hydrated.priorityFlags).toEqual(['ald', 'c2s']);
    });
  });
});
