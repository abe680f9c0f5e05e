import { loadDigestContent, queueCoordinatorDigests } from '../src/monitoring/coordinator-digest';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { startTestApp, TestApp } from './support/test-app';

describe('daily coordinator digest, on real requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ORIENTATION_DEADLINE: '2h', ESCALATE_BEFORE: '90m' });
  });

  afterAll(() => t.close());

  it('lists the at-risk and the recently unmet requests of each CPTS, and mails each coordinator once a day', async () => {
    const tenant = await t.tenant();
    const other = await t.tenant();
    const atRisk = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    const unmet = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    await fileRequest(t, other.platform, requestBody('urgent')).expect(201);
    await t.db.system((m) =>
      m.query(
        `UPDATE orientation_request SET status = 'unmet', unmet_reason = 'no_slot_in_territory', closed_at = now() WHERE id = $1`,
        [unmet.body.id],
      ),
    );

    const now = new Date();
    const content = await t.db.system((m) =>
      loadDigestContent(m, tenant.cpts.id, now, 180 * 60_000),
    );
    expect(content.atRisk.map((item) => item.reference)).toEqual([atRisk.body.reference]);
    expect(content.unmet.map((item) => item.reference)).toEqual([unmet.body.reference]);

    const options = {
      recipients: ['coordination@cpts.example'],
      escalateBeforeMs: 180 * 60_000,
      link: 'http://localhost/dashboard',
    };
    expect(await t.db.system((m) => queueCoordinatorDigests(m, now, options))).toBe(2);
    expect(await t.db.system((m) => queueCoordinatorDigests(m, now, options))).toBe(0);
    const digests = await t.db.system((m) =>
      m.query<Array<{ cpts_id: string; params: { atRisk: Array<{ reference: string }> } }>>(
        `SELECT cpts_id, params FROM notification WHERE template = 'coordinator.digest' ORDER BY cpts_id`,
      ),
    );
    expect(digests).toHaveLength(2);
    const mine = digests.find((digest) => digest.cpts_id === tenant.cpts.id);
    expect(mine?.params.atRisk.map((item) => item.reference)).toEqual([atRisk.body.reference]);
  });
});
