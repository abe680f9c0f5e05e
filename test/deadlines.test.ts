import { LockId } from '../src/database/lock-ids';
import { holdAdvisoryLock } from './support/advisory-lock';
import { fileRequest, requestBody, requestStatus } from './support/orientation-fixtures';
import { eventually, startTestApp, TestApp } from './support/test-app';

interface HistoryEntry {
  at: string;
  type: string;
  detail: Record<string, unknown>;
}

const DEADLINE_MS = 8000;
const ESCALATE_BEFORE_MS = 5000;
const SWEEP_MS = 1000;
/**
 * How late past its time a sweep may act: a few ticks on a loaded machine (CI runs these suites
 * beside others on two cores, and once took 3.8 s here), never the default interval's minute.
 */
const SWEEP_LATENESS_MS = 5 * SWEEP_MS;

describe('deadlines and escalation, with two instances on one database', () => {
  const env = {
    ORIENTATION_DEADLINE: `${DEADLINE_MS / 1000}s`,
    ESCALATE_BEFORE: `${ESCALATE_BEFORE_MS / 1000}s`,
    SWEEP_INTERVAL: `${SWEEP_MS / 1000}s`,
    COORDINATOR_EMAILS: 'coordination@cpts.example',
  };
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    first = await startTestApp(env);
    second = await startTestApp(env, first.database);
  });

  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('escalates an unmatchable request, then closes it unmet a few sweeps after its deadline, once', async () => {
    const tenant = await first.tenant();
    const filed = await fileRequest(first, tenant.platform, requestBody('urgent')).expect(201);
    expect(filed.body.status).toBe('pending');
    const deadline = Date.parse(filed.body.deadlineAt);

    await eventually(async () => (await requestStatus(first, filed.body.id)) === 'unmet', {
      timeoutMs: DEADLINE_MS + SWEEP_LATENESS_MS,
      intervalMs: 50,
    });
    expect(Date.now() - deadline).toBeLessThan(SWEEP_LATENESS_MS);

    const got = await second
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${filed.body.id}`)
      .expect(200);
    expect(got.body.unmetReason).toBe('no_slot_in_territory');
    const history = got.body.history as HistoryEntry[];
    const escalated = history.filter((entry) => entry.type === 'escalated');
    const unmet = history.filter((entry) => entry.type === 'unmet');
    expect(escalated).toHaveLength(1);
    expect(unmet).toHaveLength(1);
    expect(Date.parse(escalated[0].at)).toBeLessThan(deadline);
    expect(Date.parse(escalated[0].at)).toBeGreaterThanOrEqual(deadline - ESCALATE_BEFORE_MS - 50);

    const alerts = await first.db.system((manager) =>
      manager.query<Array<{ template: string }>>(
        `SELECT template FROM notification WHERE request_id = $1 AND recipient = 'coordination@cpts.example' ORDER BY template`,
        [filed.body.id],
      ),
    );
    expect(alerts.map((alert) => alert.template)).toEqual([
      'coordinator.escalated',
      'coordinator.unmet',
    ]);
  });

  it('sweeps with one instance at a time: neither sweeps while the other holds the sweep', async () => {
    const tenant = await first.tenant();
    const filed = await fileRequest(first, tenant.platform, requestBody('urgent')).expect(201);
    const release = await holdAdvisoryLock(first.db, LockId.OrientationSweep);
    try {
      // Both instances tick every second; past the deadline, neither may have closed it.
      const pastDeadline = Date.parse(filed.body.deadlineAt) + 1.5 * SWEEP_MS;
      await new Promise((resolve) => setTimeout(resolve, pastDeadline - Date.now()));
      expect(await requestStatus(first, filed.body.id)).toBe('pending');
    } finally {
      await release();
    }
    await eventually(async () => (await requestStatus(first, filed.body.id)) === 'unmet', {
      timeoutMs: SWEEP_LATENESS_MS,
      intervalMs: 50,
    });
  });
});
