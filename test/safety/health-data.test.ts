import { randomUUID } from 'node:crypto';

import { LockId } from '../../src/database/lock-ids';
import { PatientDataPurge } from '../../src/privacy/patient-data-purge.service';
import { RequestAccessLog } from '../../src/privacy/request-access-log.service';
import { holdAdvisoryLock } from '../support/advisory-lock';
import { fileRequest, requestBody, seedCentres } from '../support/orientation-fixtures';
import { coordinatorCaller } from '../support/people';
import { createWorld } from '../support/safety-world';
import { createPractitioner, createSlot } from '../support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from '../support/test-app';

describe('health data: access log and pseudonymisation', () => {
  let t: TestApp;
  let a: Tenant;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000', PATIENT_DATA_RETENTION: '90d' });
    await seedCentres(t);
    a = await t.tenant('privacy');
  });

  afterAll(() => t.close());

  const sql = <T>(query: string, params: unknown[] = []) =>
    t.db.system((manager) => manager.query<T[]>(query, params));

  const platformTokenId = async () => {
    const listed = await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
    const items = (listed.body as { items: Array<{ id: string; label: string }> }).items;
    return items.find((item) => item.label === 'test platform')?.id;
  };

  describe('the access log', () => {
    it('records who read or changed which request, and what they did', async () => {
      const w = await createWorld(t, a);
      await t.http(a.platform).get(`/api/v1/requests/${w.urgentRequest}`).expect(200);
      await t.http(a.platform).get('/api/v1/requests?limit=5').expect(200);
      await t.http(a.coordinator).get('/api/v1/monitoring/requests?state=pending').expect(200);
      await t
        .http(a.platform)
        .post(`/api/v1/requests/${w.urgentRequest}/cancel`)
        .send({ reason: 'feels better' })
        .expect(200);
      await t.http(w.otherPractitionerToken).get(`/api/v1/requests/${w.urgentRequest}`).expect(403);
      const rows = await sql<{ action: string; token_id: string }>(
        `SELECT action, token_id FROM request_access WHERE request_id = $1 ORDER BY id`,
        [w.urgentRequest],
      );
      const platformId = await platformTokenId();
      expect(rows.map((row) => row.action)).toEqual(['file', 'read', 'list', 'cancel']);
      expect(rows.slice(1).every((row) => row.token_id === platformId)).toBe(true);
      const [monitored] = await sql<{ action: string; token_id: string }>(
        `SELECT action, token_id FROM request_access WHERE request_id = $1 AND action = 'monitor'`,
        [w.referralRequest],
      );
      expect(monitored).toEqual({ action: 'monitor', token_id: expect.any(String) });
      expect(monitored.token_id).not.toBe(platformId);
    });

    it('writes the traces of concurrent calls; a call whose own trace cannot be written fails alone', async () => {
      const filed = await fileRequest(t, a.platform, requestBody('referring_physician')).expect(
        201,
      );
      const requestId = (filed.body as { id: string }).id;
      const log = t.app.get(RequestAccessLog);
      // The first runs at once; the three made meanwhile share one insert, which the unknown
      // CPTS makes fail: each is then written on its own.
      const results = await Promise.allSettled([
        log.record(coordinatorCaller(a.cpts.id), 'probe-1', [requestId]),
        log.record(coordinatorCaller(a.cpts.id), 'probe-2', [requestId]),
        log.record(coordinatorCaller(randomUUID()), 'probe-3', [requestId]),
        log.record(coordinatorCaller(a.cpts.id), 'probe-4', [requestId]),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
      ]);
      const rows = await sql<{ action: string }>(
        `SELECT action FROM request_access WHERE request_id = $1 AND action LIKE 'probe-%' ORDER BY action`,
        [requestId],
      );
      expect(rows.map((row) => row.action)).toEqual(['probe-1', 'probe-2', 'probe-4']);
    });

    it('refuses to be rewritten, even by the table owner', async () => {
      const [row] = await sql<{ id: string }>('SELECT id FROM request_access LIMIT 1');
      for (const statement of [
        `UPDATE request_access SET action = 'nothing' WHERE id = ${row.id}`,
        `DELETE FROM request_access WHERE id = ${row.id}`,
        'TRUNCATE request_access',
      ]) {
        await expect(sql(statement)).rejects.toThrow(/append-only/);
      }
      await expect(
        t.db.tenant(a.cpts.id, (manager) =>
          manager.query(`UPDATE request_access SET action = 'x' WHERE id = ${row.id}`),
        ),
      ).rejects.toThrow(/permission denied|append-only/);
      const [owner] = await sql<{ owner: string; me: string }>(
        `SELECT tableowner AS owner, current_user AS me FROM pg_tables WHERE tablename = 'request_access'`,
      );
      expect(owner.owner).toBe(owner.me);
    });
  });

  describe('the purge', () => {
    const ageBy = (id: string, days: number) =>
      sql(
        `UPDATE orientation_request SET closed_at = now() - make_interval(days => $2) WHERE id = $1`,
        [id, days],
      );

    it('pseudonymises requests closed before the retention, keeping what indicators need', async () => {
      const gp = await createPractitioner(t, a.cpts.id, { accepting: true, openPlaces: 3 });
      await createSlot(t, a.cpts.id, gp, 90);
      const old = await fileRequest(
        t,
        a.platform,
        requestBody(
          'urgent',
          { firstName: 'Rozenn', birthDate: '1987-03-14' },
          { reason: 'fièvre' },
        ),
      );
      await t
        .http(a.coordinator)
        .post(`/api/v1/requests/${old.body.id}/redirect`)
        .send({ to: 'mmg', note: 'Rozenn rappelle ce soir' })
        .expect(200);
      const recent = await fileRequest(
        t,
        a.platform,
        requestBody('urgent', { firstName: 'Katell' }),
      );
      await t
        .http(a.platform)
        .post(`/api/v1/requests/${recent.body.id}/cancel`)
        .send({ reason: 'Katell va mieux' })
        .expect(200);
      const waiting = await fileRequest(t, a.platform, requestBody('referring_physician'));
      await sql(
        `UPDATE orientation_request SET status = 'unmet', closed_at = now() WHERE id = $1`,
        [waiting.body.id],
      );
      await ageBy(old.body.id, 91);
      await ageBy(recent.body.id, 30);
      await ageBy(waiting.body.id, 200);

      const period = new URLSearchParams({
        from: new Date(Date.now() - 86_400_000).toISOString(),
        to: new Date(Date.now() + 86_400_000).toISOString(),
      });
      const indicators = () =>
        t.http(a.coordinator).get(`/api/v1/monitoring/indicators?${period.toString()}`).expect(200);
      const before = (await indicators()).body as Record<string, unknown>;

      // Another instance purging holds the lock: this one leaves everything to it.
      const release = await holdAdvisoryLock(t.db, LockId.PatientDataPurge);
      expect(await t.app.get(PatientDataPurge).purge()).toBe(0);
      await release();
      const [untouched] = await sql<{ name: string }>(
        `SELECT patient_first_name AS name FROM orientation_request WHERE id = $1`,
        [old.body.id],
      );
      expect(untouched.name).toBe('Rozenn');

      const purges = await Promise.all([
        t.app.get(PatientDataPurge).purge(),
        t.app.get(PatientDataPurge).purge(),
      ]);
      expect(purges[0] + purges[1]).toBe(1);
      const after = (await indicators()).body as Record<string, unknown>;
      expect({ ...after, generatedAt: null }).toEqual({ ...before, generatedAt: null });

      const [purged] = await sql<Record<string, unknown>>(
        `SELECT patient_first_name, patient_last_name, patient_phone, patient_email, reason,
                to_char(patient_birth_date, 'YYYY-MM-DD') AS birth, status, kind,
                patient_commune_code, created_at IS NOT NULL AS timed
           FROM orientation_request WHERE id = $1`,
        [old.body.id],
      );
      expect(purged).toEqual({
        patient_first_name: '',
        patient_last_name: '',
        patient_phone: '',
        patient_email: null,
        reason: '',
        birth: '1987-01-01',
        status: 'redirected',
        kind: 'urgent',
        patient_commune_code: '56007',
        timed: true,
      });
      const events = await sql<{ detail: Record<string, unknown> }>(
        `SELECT detail FROM request_event WHERE request_id = $1`,
        [old.body.id],
      );
      expect(JSON.stringify(events)).not.toContain('Rozenn');
      expect(events.some((event) => event.detail.to === 'mmg')).toBe(true);
      const notifications = await sql<{ recipient: string; params: object }>(
        `SELECT recipient, params FROM notification WHERE request_id = $1`,
        [old.body.id],
      );
      expect(notifications.length).toBeGreaterThan(0);
      expect(
        notifications.every((n) => n.recipient === '' && JSON.stringify(n.params) === '{}'),
      ).toBe(true);

      const kept = await sql<{ id: string; patient_first_name: string }>(
        `SELECT id, patient_first_name FROM orientation_request WHERE id = ANY($1)`,
        [[recent.body.id, waiting.body.id]],
      );
      expect(kept.every((row) => row.patient_first_name !== '')).toBe(true);
      expect(await t.app.get(PatientDataPurge).purge()).toBe(0);
    });

    it('answers indicators-relevant fields through the API after the purge', async () => {
      const [row] = await sql<{ id: string }>(
        `SELECT id FROM orientation_request WHERE patient_first_name = '' LIMIT 1`,
      );
      const view = await t.http(a.coordinator).get(`/api/v1/requests/${row.id}`).expect(200);
      expect(view.body).toMatchObject({ status: 'redirected', kind: 'urgent' });
      expect(view.body.patient).toMatchObject({ firstName: '', phone: '' });
    });
  });
});
