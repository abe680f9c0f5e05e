import { REQUEST_STATUSES } from '../src/common/request-status';
import { canMove } from '../src/orientation/requests/request-lifecycle';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { createPractitioner } from './support/slot-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('the request lifecycle in the database', () => {
  let t: TestApp;
  let model: string;
  let gp: string;

  beforeAll(async () => {
    t = await startTestApp();
    const tenant = await t.tenant();
    // Home visits only and no practitioner: the request stays pending, a row to copy.
    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', {}, { acceptedModes: ['home_visit'] }),
    );
    model = filed.body.id as string;
    // Every copy names a GP, so that the assignment check holds whatever the status.
    gp = await createPractitioner(t, tenant.cpts.id);
  });

  afterAll(() => t.close());

  /** Whether PostgreSQL lets a request of status `from` become `to`. */
  async function databaseAllows(from: string, to: string): Promise<boolean> {
    return t.db.system(async (manager) => {
      // The copy is rolled back too: a `held` copy has no slot hold, which the commit would refuse.
      await manager.query('SAVEPOINT copy');
      const [{ id }] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO orientation_request
         SELECT (jsonb_populate_record(NULL::orientation_request, to_jsonb(r) || jsonb_build_object(
                   'id', gen_random_uuid(), 'idempotency_key', gen_random_uuid()::text,
                   'reference', left(gen_random_uuid()::text, 12), 'status', $1::text,
                   'assigned_practitioner_id', $3::uuid))).*
           FROM orientation_request r WHERE r.id = $2
         RETURNING id`,
        [from, model, gp],
      );
      try {
        await manager.query('UPDATE orientation_request SET status = $1 WHERE id = $2', [to, id]);
        return true;
      } catch (error) {
        expect((error as Error).message).toBe(`a ${from} request cannot become ${to}`);
        return false;
      } finally {
        await manager.query('ROLLBACK TO SAVEPOINT copy');
      }
    });
  }

  it('allows exactly the moves the code allows, and refuses every other', async () => {
    const disagreements: string[] = [];
    for (const from of REQUEST_STATUSES) {
      for (const to of REQUEST_STATUSES) {
        if (from === to) continue;
        const allowed = await databaseAllows(from, to);
        if (allowed !== canMove(from, to))
          disagreements.push(`${from} → ${to}: database ${allowed}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
