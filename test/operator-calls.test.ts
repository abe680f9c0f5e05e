import { randomUUID } from 'node:crypto';

import { pdsaNow } from '../src/redirect-targets/opening-hours';
import { requestBody, requestStatus, seedCentres } from './support/orientation-fixtures';
import { createPerson, type SignedIn, signIn } from './support/people';
import { expectProblem } from './support/problem';
import { createPractitioner, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

interface Listed {
  id: string;
  reference: string;
  status: string;
  deadlineAt: string;
}

interface HistoryEntry {
  type: string;
  detail: Record<string, unknown>;
}

describe('operator console: calls, redirect targets and callbacks', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let anne: SignedIn;
  let anneId: string;
  let bruno: SignedIn;
  let practitionerToken: string;
  let keys = 0;

  beforeAll(async () => {
    t = await startTestApp();
    await seedCentres(t);
    a = await t.tenant('calls-a');
    b = await t.tenant('calls-b');
    const annePerson = await createPerson(t, a.cpts.id, 'operator', { displayName: 'Anne' });
    anneId = annePerson.id;
    anne = await signIn(t, annePerson);
    bruno = await signIn(t, await createPerson(t, a.cpts.id, 'operator'));
    const gp = await createPractitioner(t, a.cpts.id);
    practitionerToken = await t.token(a.cpts.id, 'practitioner', gp);
  });

  afterAll(() => t.close());

  /** Files a request as a signed-in operator; urgent requests stay pending (no slot anywhere). */
  async function fileAs(
    who: SignedIn,
    patient: { firstName?: string; lastName?: string; phone?: string; birthDate?: string } = {},
  ) {
    const body = requestBody('urgent', patient);
    const response = await who
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', `calls-${++keys}`)
      .send({ ...body, patient: { ...body.patient, ...patient } })
      .expect(201);
    return response.body as Listed;
  }

  const list = async (who: SignedIn | string, query: string) => {
    const http = typeof who === 'string' ? t.http(who) : who.http();
    const response = await http.get(`/api/v1/requests?${query}`).expect(200);
    return response.body.items as Listed[];
  };

  const accessLog = (requestId: string, action: string) =>
    t.db.system((m) =>
      m.query<Array<{ person_id: string | null }>>(
        `SELECT person_id FROM request_access WHERE request_id = $1 AND action = $2`,
        [requestId, action],
      ),
    );

  describe('GET /requests: mine, open, q', () => {
    it('mine=true lists the requests the signed-in person filed, and needs a person', async () => {
      const first = await fileAs(anne);
      const second = await fileAs(anne);
      const other = await fileAs(bruno);
      const ids = (await list(anne, 'mine=true')).map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining([first.id, second.id]));
      expect(ids).not.toContain(other.id);
      expect((await list(bruno, 'mine=true')).map((item) => item.id)).toContain(other.id);
      expectProblem(await t.http(a.platform).get('/api/v1/requests?mine=true'), 400, 'mine');
      expectProblem(await anne.http().get('/api/v1/requests?mine=yes'), 400, 'mine');
    });

    it('open=true keeps pending, offered and unmet requests, nearest deadline first', async () => {
      const later = await fileAs(anne);
      const nearest = await fileAs(anne);
      const unmet = await fileAs(anne);
      const cancelled = await fileAs(anne);
      await t.db.system(async (m) => {
        await m.query(
          `UPDATE orientation_request SET deadline_at = now() + interval '1 hour' WHERE id = $1`,
          [nearest.id],
        );
        await m.query(
          `UPDATE orientation_request SET status = 'unmet', deadline_at = now() - interval '1 hour'
            WHERE id = $1`,
          [unmet.id],
        );
      });
      await anne
        .http()
        .post(`/api/v1/requests/${cancelled.id}/cancel`)
        .send({ reason: 'rappel du patient' })
        .expect(200);
      const items = await list(anne, 'open=true&mine=true');
      const ids = items.map((item) => item.id);
      expect(ids.slice(0, 2)).toEqual([unmet.id, nearest.id]);
      expect(ids).toContain(later.id);
      expect(ids).not.toContain(cancelled.id);
      expect(items.every((item) => ['pending', 'offered', 'unmet'].includes(item.status))).toBe(
        true,
      );
      const deadlines = items.map((item) => Date.parse(item.deadlineAt));
      expect(deadlines).toEqual([...deadlines].sort((x, y) => x - y));
      // The cursor follows the deadline order.
      const page = await anne
        .http()
        .get('/api/v1/requests?open=true&mine=true&limit=1')
        .expect(200);
      const next = await anne
        .http()
        .get(`/api/v1/requests?open=true&mine=true&limit=1&cursor=${page.body.nextCursor}`)
        .expect(200);
      expect([page.body.items[0].id, next.body.items[0].id]).toEqual([unmet.id, nearest.id]);
    });

    it('q finds a reference, a phone in any French form, or the start of a last name', async () => {
      const leveque = await fileAs(anne, { lastName: 'Lévêque', phone: '06 41 22 33 44' });
      const levy = await fileAs(anne, { lastName: 'Levy', phone: '06 41 22 33 45' });
      const martin = await fileAs(anne, { lastName: 'Martin', phone: '06 41 22 33 46' });
      const found = async (q: string) =>
        (await list(anne, `q=${encodeURIComponent(q)}`)).map((item) => item.id);
      expect(await found(leveque.reference.toLowerCase())).toEqual([leveque.id]);
      for (const phone of ['0641223344', '06 41 22 33 44', '+33 6 41 22 33 44', '0033641223344']) {
        expect(await found(phone)).toEqual([leveque.id]);
      }
      const lev = await found('LEV');
      expect(lev).toEqual(expect.arrayContaining([leveque.id, levy.id]));
      expect(lev).not.toContain(martin.id);
      expect(await found('léVÊq')).toEqual([leveque.id]);
      expect(await found('%')).toEqual([]);
      expectProblem(await anne.http().get(`/api/v1/requests?q=${'x'.repeat(101)}`), 400, 'q');
      // Another CPTS finds nothing of this one.
      expect(await list(b.coordinator, `q=${leveque.reference}`)).toEqual([]);
      expect(await list(b.coordinator, 'q=0641223344')).toEqual([]);
    });
  });

  describe('GET /requests/duplicates', () => {
    it('finds open requests with the same phone, or last name and birth date, and logs the read', async () => {
      const open = await fileAs(anne, {
        firstName: 'Maïwenn',
        lastName: 'Le Gwenn',
        phone: '06 55 44 33 22',
        birthDate: '1990-02-03',
      });
      const sameIdentity = await fileAs(bruno, {
        lastName: 'LE GWÉNN',
        phone: '06 55 44 33 00',
        birthDate: '1990-02-03',
      });
      const closed = await fileAs(anne, { lastName: 'Le Gwenn', phone: '06 55 44 33 22' });
      await anne
        .http()
        .post(`/api/v1/requests/${closed.id}/cancel`)
        .send({ reason: 'doublon' })
        .expect(200);
      const byPhone = await anne
        .http()
        .get('/api/v1/requests/duplicates?phone=%2B33655443322')
        .expect(200);
      expect(byPhone.body.items).toEqual([
        {
          id: open.id,
          reference: open.reference,
          kind: 'urgent',
          status: 'pending',
          createdAt: expect.any(String),
          deadlineAt: open.deadlineAt,
          patient: { firstName: 'Maïwenn', lastInitial: 'L' },
        },
      ]);
      const byIdentity = await anne
        .http()
        .get('/api/v1/requests/duplicates?lastName=le%20gwenn&birthDate=1990-02-03')
        .expect(200);
      expect((byIdentity.body.items as Listed[]).map((item) => item.id).sort()).toEqual(
        [open.id, sameIdentity.id].sort(),
      );
      // Both answers showed it: two reads, each by Anne.
      expect(await accessLog(open.id, 'list_duplicates')).toEqual([
        { person_id: anneId },
        { person_id: anneId },
      ]);
      const elsewhere = await t
        .http(b.coordinator)
        .get('/api/v1/requests/duplicates?phone=0655443322')
        .expect(200);
      expect(elsewhere.body.items).toEqual([]);
    });

    it('refuses incomplete or malformed input, naming the field, and practitioners', async () => {
      const call = (query: string) => anne.http().get(`/api/v1/requests/duplicates?${query}`);
      expectProblem(await call(''), 400, 'phone');
      expectProblem(await call('lastName=Martin'), 400, 'birthDate');
      expectProblem(await call('birthDate=1990-02-03'), 400, 'lastName');
      expectProblem(await call('phone=12'), 400, 'phone');
      expectProblem(await call('lastName=Martin&birthDate=1990-02-31'), 400, 'birthDate');
      expectProblem(await call('phone=0655443322&other=1'), 400, 'other');
      expectProblem(
        await t.http(practitionerToken).get('/api/v1/requests/duplicates?phone=0655443322'),
        403,
      );
    });
  });

  describe('redirect targets', () => {
    const mmg = {
      name: 'MMG du Pays d’Auray',
      kind: 'mmg',
      phone: '02 97 24 00 00',
      address: '1 rue de l’Hôpital',
      communeCode: '56007',
      hours: [
        { weekday: 6, opens: '12:00', closes: '24:00' },
        { weekday: 7, opens: '08:00', closes: '24:00' },
      ],
      note: 'Sonner à l’interphone',
    };
    const alwaysOpen = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
      weekday,
      opens: '00:00',
      closes: '24:00',
    }));

    const targets = async (token: string | SignedIn) => {
      const http = typeof token === 'string' ? t.http(token) : token.http();
      return (await http.get('/api/v1/redirect-targets').expect(200)).body as {
        pdsaNow: boolean;
        items: Array<{ id: string; name: string; openNow: boolean }>;
      };
    };

    it('are created, read, changed and deleted by the coordinator; operators read them', async () => {
      const created = await t
        .http(a.coordinator)
        .post('/api/v1/redirect-targets')
        .send(mmg)
        .expect(201);
      expect(created.body).toEqual({
        ...mmg,
        id: expect.any(String),
        phone: '+33297240000',
        openNow: expect.any(Boolean),
      });
      const id = created.body.id as string;
      await t
        .http(a.coordinator)
        .post('/api/v1/redirect-targets')
        .send({ name: 'Téléconsultation 24/7', kind: 'teleconsultation', hours: alwaysOpen })
        .expect(201);
      await t
        .http(a.coordinator)
        .post('/api/v1/redirect-targets')
        .send({ name: 'Urgences (fermé)', kind: 'emergency' })
        .expect(201);
      const before = Date.now();
      const read = await targets(anne);
      expect([pdsaNow(new Date(before)), pdsaNow(new Date())]).toContain(read.pdsaNow);
      const byName = Object.fromEntries(read.items.map((item) => [item.name, item]));
      expect(byName['Téléconsultation 24/7'].openNow).toBe(true);
      expect(byName['Urgences (fermé)'].openNow).toBe(false);
      expect((await targets(a.platform)).items).toHaveLength(3);

      const changed = await t
        .http(a.coordinator)
        .patch(`/api/v1/redirect-targets/${id}`)
        .send({ note: 'Entrée par les urgences', phone: null })
        .expect(200);
      expect(changed.body).toMatchObject({
        name: mmg.name,
        note: 'Entrée par les urgences',
        phone: null,
      });

      await t.http(a.coordinator).delete(`/api/v1/redirect-targets/${id}`).expect(204);
      await t.http(a.coordinator).delete(`/api/v1/redirect-targets/${id}`).expect(404);
      expect((await targets(anne)).items.map((item) => item.id)).not.toContain(id);
    });

    it('refuses bad input naming the field, and changes nothing', async () => {
      const count = (await targets(a.coordinator)).items.length;
      const post = (body: object) =>
        t.http(a.coordinator).post('/api/v1/redirect-targets').send(body);
      expectProblem(await post({ ...mmg, kind: 'hospital' }), 400, 'kind');
      expectProblem(await post({ ...mmg, name: '' }), 400, 'name');
      expectProblem(await post({ ...mmg, phone: '12' }), 400, 'phone');
      expectProblem(await post({ ...mmg, communeCode: '99999' }), 400, 'communeCode');
      expectProblem(
        await post({ ...mmg, hours: [{ weekday: 8, opens: '08:00', closes: '12:00' }] }),
        400,
        'hours.0.weekday',
      );
      expectProblem(
        await post({ ...mmg, hours: [{ weekday: 1, opens: '8h', closes: '12:00' }] }),
        400,
        'hours.0.opens',
      );
      expectProblem(await post({ ...mmg, colour: 'red' }), 400, 'colour');
      const kept = await t.http(a.coordinator).post('/api/v1/redirect-targets').send(mmg);
      expectProblem(
        await t
          .http(a.coordinator)
          .patch(`/api/v1/redirect-targets/${kept.body.id}`)
          .send({ hours: [{ weekday: 1, opens: '08:00', closes: '25:00' }] }),
        400,
        'hours.0.closes',
      );
      const after = await targets(a.coordinator);
      expect(after.items).toHaveLength(count + 1);
      expect(after.items.find((item) => item.id === kept.body.id)).toMatchObject({
        hours: mmg.hours,
      });
    });

    it('belong to one CPTS, and only coordinators change them', async () => {
      const own = await t
        .http(a.coordinator)
        .post('/api/v1/redirect-targets')
        .send({ name: 'Autre', kind: 'other' })
        .expect(201);
      expect((await targets(b.coordinator)).items).toEqual([]);
      await t
        .http(b.coordinator)
        .patch(`/api/v1/redirect-targets/${own.body.id}`)
        .send({ note: 'x' })
        .expect(404);
      await t.http(b.coordinator).delete(`/api/v1/redirect-targets/${own.body.id}`).expect(404);
      await anne.http().post('/api/v1/redirect-targets').send(mmg).expect(403);
      await t.http(practitionerToken).get('/api/v1/redirect-targets').expect(403);
    });
  });

  describe('POST /requests/{id}/redirect by an operator', () => {
    it('redirects to the 15, and to a target of the CPTS, recorded in the history', async () => {
      const toSamu = await fileAs(anne);
      const samu = await anne
        .http()
        .post(`/api/v1/requests/${toSamu.id}/redirect`)
        .send({ to: 'samu', note: 'douleur thoracique, transféré au 15' })
        .expect(200);
      expect(samu.body.status).toBe('redirected');
      const samuEntry = (samu.body.history as HistoryEntry[]).find(
        (entry) => entry.type === 'redirected',
      );
      expect(samuEntry?.detail).toMatchObject({ to: 'samu', actorPersonId: anneId });

      const target = await t
        .http(a.coordinator)
        .post('/api/v1/redirect-targets')
        .send({ name: 'MMG de Vannes', kind: 'mmg' })
        .expect(201);
      const toMmg = await fileAs(anne);
      const mmg = await anne
        .http()
        .post(`/api/v1/requests/${toMmg.id}/redirect`)
        .send({ to: 'mmg', targetId: target.body.id, note: 'ce soir 20 h' })
        .expect(200);
      const entry = (mmg.body.history as HistoryEntry[]).find((item) => item.type === 'redirected');
      expect(entry?.detail).toMatchObject({
        to: 'mmg',
        targetId: target.body.id,
        targetName: 'MMG de Vannes',
        note: 'ce soir 20 h',
      });
    });

    it('refuses an unknown target, or another CPTS’s, naming targetId, and changes nothing', async () => {
      const elsewhere = await t
        .http(b.coordinator)
        .post('/api/v1/redirect-targets')
        .send({ name: 'MMG de B', kind: 'mmg' })
        .expect(201);
      const request = await fileAs(anne);
      const redirect = (body: object) =>
        anne.http().post(`/api/v1/requests/${request.id}/redirect`).send(body);
      for (const targetId of [randomUUID(), elsewhere.body.id as string]) {
        expectProblem(await redirect({ to: 'mmg', targetId, note: 'x' }), 400, 'targetId');
      }
      expectProblem(await redirect({ to: 'mmg', targetId: 'nope', note: 'x' }), 400, 'targetId');
      expectProblem(await redirect({ to: 'hospital', note: 'x' }), 400, 'to');
      expect(await requestStatus(t, request.id)).toBe('pending');
      await t
        .http(b.coordinator)
        .post(`/api/v1/requests/${request.id}/redirect`)
        .send({ to: 'samu', note: 'x' })
        .expect(404);
      await t
        .http(practitionerToken)
        .post(`/api/v1/requests/${request.id}/redirect`)
        .send({ to: 'samu', note: 'x' })
        .expect(403);
      expect(await requestStatus(t, request.id)).toBe('pending');
    });
  });

  describe('callbacks', () => {
    interface Callback {
      id: string;
      requestId: string;
      dueAt: string;
      note: string;
      doneAt: string | null;
      request: {
        reference: string;
        status: string;
        patient: { firstName: string; lastInitial: string; phone: string };
      };
    }

    const callbacks = async (who: SignedIn, query: string) =>
      (await who.http().get(`/api/v1/callbacks?${query}`).expect(200)).body.items as Callback[];

    it('are planned, listed (mine, not done, by due time) and marked done', async () => {
      const request = await fileAs(anne, {
        firstName: 'Gwen',
        lastName: 'Riou',
        phone: '06 12 00 00 01',
      });
      const later = await anne
        .http()
        .post(`/api/v1/requests/${request.id}/callbacks`)
        .send({ dueAt: inMinutes(180), note: 'rappeler pour confirmer' })
        .expect(201);
      expect(later.body).toEqual({
        id: expect.any(String),
        requestId: request.id,
        dueAt: expect.stringMatching(/\+0[12]:00$/),
        note: 'rappeler pour confirmer',
        doneAt: null,
      });
      const sooner = await anne
        .http()
        .post(`/api/v1/requests/${request.id}/callbacks`)
        .send({ dueAt: inMinutes(60) })
        .expect(201);
      const brunos = await bruno
        .http()
        .post(`/api/v1/requests/${request.id}/callbacks`)
        .send({ dueAt: inMinutes(30) })
        .expect(201);

      const mine = await callbacks(anne, 'mine=true&done=false');
      expect(mine.map((item) => item.id)).toEqual([sooner.body.id, later.body.id]);
      expect(mine[0]).toMatchObject({
        requestId: request.id,
        note: '',
        doneAt: null,
        request: {
          reference: request.reference,
          status: 'pending',
          patient: { firstName: 'Gwen', lastInitial: 'R', phone: '+33612000001' },
        },
      });
      const all = (await callbacks(anne, 'done=false')).map((item) => item.id);
      expect(all).toEqual(expect.arrayContaining([brunos.body.id, sooner.body.id]));
      expect(all.indexOf(brunos.body.id)).toBeLessThan(all.indexOf(sooner.body.id));

      const done = await anne.http().post(`/api/v1/callbacks/${sooner.body.id}/done`).expect(200);
      expect(done.body).toMatchObject({ id: sooner.body.id, doneAt: expect.any(String) });
      await anne.http().post(`/api/v1/callbacks/${sooner.body.id}/done`).expect(409);
      expect((await callbacks(anne, 'mine=true&done=false')).map((item) => item.id)).toEqual([
        later.body.id,
      ]);
      expect((await callbacks(anne, 'mine=true&done=true')).map((item) => item.id)).toEqual([
        sooner.body.id,
      ]);

      // Audited with the person as actor: the access log and the request's history.
      expect(await accessLog(request.id, 'plan_callback')).toContainEqual({ person_id: anneId });
      expect(await accessLog(request.id, 'list_callbacks')).toContainEqual({ person_id: anneId });
      expect(await accessLog(request.id, 'callback_done')).toEqual([{ person_id: anneId }]);
      const history = (await anne.http().get(`/api/v1/requests/${request.id}`).expect(200)).body
        .history as HistoryEntry[];
      expect(history.filter((entry) => entry.type === 'callback_planned')).toHaveLength(3);
      expect(history.find((entry) => entry.type === 'callback_done')?.detail).toMatchObject({
        callbackId: sooner.body.id,
        actorPersonId: anneId,
      });
    });

    it('refuses bad input naming the field, and plans nothing', async () => {
      const request = await fileAs(anne);
      const plan = (body: object) =>
        anne.http().post(`/api/v1/requests/${request.id}/callbacks`).send(body);
      expectProblem(await plan({}), 400, 'dueAt');
      expectProblem(await plan({ dueAt: '14:00' }), 400, 'dueAt');
      expectProblem(await plan({ dueAt: inMinutes(-120) }), 400, 'dueAt');
      expectProblem(await plan({ dueAt: inMinutes(60), note: 'x'.repeat(501) }), 400, 'note');
      expectProblem(await plan({ dueAt: inMinutes(60), priority: 1 }), 400, 'priority');
      expectProblem(
        await anne
          .http()
          .post(`/api/v1/requests/not-a-uuid/callbacks`)
          .send({ dueAt: inMinutes(60) }),
        400,
        'id',
      );
      await anne
        .http()
        .post(`/api/v1/requests/${randomUUID()}/callbacks`)
        .send({ dueAt: inMinutes(60) })
        .expect(404);
      expectProblem(await anne.http().get('/api/v1/callbacks?done=maybe'), 400, 'done');
      expectProblem(await t.http(a.coordinator).get('/api/v1/callbacks?mine=true'), 400, 'mine');
      const [{ count }] = await t.db.system((m) =>
        m.query<Array<{ count: number }>>(
          `SELECT count(*)::int AS count FROM callback_task WHERE request_id = $1`,
          [request.id],
        ),
      );
      expect(count).toBe(0);
    });

    it('are invisible to another CPTS, and closed to practitioners and platforms', async () => {
      const request = await fileAs(anne);
      const planned = await anne
        .http()
        .post(`/api/v1/requests/${request.id}/callbacks`)
        .send({ dueAt: inMinutes(60) })
        .expect(201);
      const otherOperator = await signIn(t, await createPerson(t, b.cpts.id, 'operator'));
      expect(await callbacks(otherOperator, 'done=false')).toEqual([]);
      await otherOperator.http().post(`/api/v1/callbacks/${planned.body.id}/done`).expect(404);
      await otherOperator
        .http()
        .post(`/api/v1/requests/${request.id}/callbacks`)
        .send({ dueAt: inMinutes(60) })
        .expect(404);
      await t.http(practitionerToken).get('/api/v1/callbacks').expect(403);
      await t.http(a.platform).get('/api/v1/callbacks').expect(403);
      await t.http(practitionerToken).post(`/api/v1/callbacks/${planned.body.id}/done`).expect(403);
      expect((await callbacks(anne, 'mine=true&done=false')).map((item) => item.id)).toContain(
        planned.body.id,
      );
    });
  });
});
