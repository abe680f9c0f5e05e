import request from 'supertest';

import { hashTokenSecret } from '../src/access/token-secret';
import { LinkSigner } from '../src/auth/link-signer.service';
import { NotificationSchedulesService } from '../src/notifications/notification-schedules.service';
import { mailsTo } from './support/mailbox';
import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { cookieHeader, createPerson, linkToken, signIn } from './support/people';
import { expectProblem } from './support/problem';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const ORIGIN = 'http://localhost:3000';

/** The path and query of a link, to open it against the test server. */
const pathOf = (link: string) => new URL(link).pathname;

describe('people sign in', () => {
  let t: TestApp;
  let tenant: Tenant;
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    server = t.app.getHttpServer() as Parameters<typeof request>[0];
    tenant = await t.tenant();
    await seedCentres(t);
  });

  afterAll(() => t.close());

  describe('people, managed by coordinators', () => {
    it('adds a person, e-mails them an invitation, lists, renames and deactivates them', async () => {
      const created = await t
        .http(tenant.coordinator)
        .post('/api/v1/people')
        .send({ email: ' Rozenn.Le-Gall@CPTS.test ', displayName: 'Mme Le Gall', role: 'operator' })
        .expect(201);
      expect(created.body).toEqual(
        expect.objectContaining({
          email: 'rozenn.le-gall@cpts.test',
          displayName: 'Mme Le Gall',
          role: 'operator',
          active: true,
          practitionerId: null,
        }),
      );
      const [invitation] = await mailsTo(t, 'rozenn.le-gall@cpts.test');
      expect(invitation.template).toBe('person.invitation');
      expect(invitation.link).toMatch(/^http:\/\/localhost:3000\/auth\/link\/[\w-]{43}$/);

      const opened = await request(server).get(pathOf(invitation.link!)).expect(303);
      // An operator lands on the call platform's console.
      expect(opened.headers.location).toBe('/plateforme');
      const cookie = cookieHeader(opened.headers['set-cookie']);
      const me = await request(server).get('/api/v1/session').set('Cookie', cookie).expect(200);
      expect(me.body).toEqual(
        expect.objectContaining({
          role: 'operator',
          scope: 'full',
          person: expect.objectContaining({ displayName: 'Mme Le Gall' }),
          cpts: expect.objectContaining({ id: tenant.cpts.id }),
          csrfToken: expect.any(String),
        }),
      );

      const list = await t.http(tenant.coordinator).get('/api/v1/people?role=operator').expect(200);
      const items = list.body.items as Array<{ id: string }>;
      expect(items.map((p) => p.id)).toContain(created.body.id);
      await t
        .http(tenant.coordinator)
        .patch(`/api/v1/people/${created.body.id}`)
        .send({ displayName: 'Mme Rozenn Le Gall' })
        .expect(200);

      await t.http(tenant.coordinator).delete(`/api/v1/people/${created.body.id}`).expect(204);
      // Deactivation ends the session at once.
      expectProblem(await request(server).get('/api/v1/session').set('Cookie', cookie), 401);
      const again = await t.http(tenant.coordinator).get(`/api/v1/people/${created.body.id}`);
      expect(again.body.active).toBe(false);
    });

    it('refuses a second person with the same address, and a practitioner role without its row', async () => {
      const body = { email: 'same@cpts.test', displayName: 'M. Un', role: 'coordinator' };
      await t.http(tenant.coordinator).post('/api/v1/people').send(body).expect(201);
      expectProblem(await t.http(tenant.coordinator).post('/api/v1/people').send(body), 409);
      expectProblem(
        await t
          .http(tenant.coordinator)
          .post('/api/v1/people')
          .send({ email: 'gp@cpts.test', displayName: 'Dr Deux', role: 'practitioner' }),
        400,
        'practitionerId',
      );
      expectProblem(
        await t
          .http(tenant.coordinator)
          .post('/api/v1/people')
          .send({ ...body, email: 'x@cpts.test', role: 'platform' }),
        400,
        'role',
      );
    });

    it('keeps people to their CPTS', async () => {
      const other = await t.tenant();
      const person = await createPerson(t, tenant.cpts.id, 'operator');
      expectProblem(await t.http(other.coordinator).get(`/api/v1/people/${person.id}`), 404);
      const list = await t.http(other.coordinator).get('/api/v1/people').expect(200);
      expect(list.body.items).toEqual([]);
    });
  });

  describe('sign-in links by e-mail', () => {
    it('signs in once, not twice', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'coordinator', {
        email: 'once@cpts.test',
        displayName: 'Mme Once',
      });
      await request(server).post('/auth/link').send({ email: 'ONCE@cpts.test' }).expect(202);
      const [mail] = await mailsTo(t, person.email);
      expect(mail.template).toBe('person.sign_in_link');
      expect(mail.text).toContain('Bonjour Mme Once');
      expect(mail.text).toContain('15 minutes');
      const first = await request(server).get(pathOf(mail.link!)).expect(303);
      expect(cookieHeader(first.headers['set-cookie'])).toMatch(/^cpts_session=/);
      const second = await request(server).get(pathOf(mail.link!)).expect(410);
      expect(second.headers['content-type']).toMatch(/text\/html/);
      expect(second.text).toContain('Ce lien a déjà servi');
      expect(second.headers['set-cookie']).toBeUndefined();
    });

    it('is valid 15 minutes, and not after', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'coordinator');
      const token = await linkToken(t, person);
      const [link] = await t.db.system((manager) =>
        manager.query<Array<{ minutes: number }>>(
          `SELECT extract(epoch FROM expires_at - created_at) / 60 AS minutes
             FROM sign_in_link WHERE token_hash = $1`,
          [hashTokenSecret(token)],
        ),
      );
      expect(Math.round(Number(link.minutes))).toBe(15);
      await t.db.system((manager) =>
        manager.query(
          `UPDATE sign_in_link SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
          [hashTokenSecret(token)],
        ),
      );
      const late = await request(server).get(`/auth/link/${token}`).expect(410);
      expect(late.text).toContain('Ce lien a expiré');
      expect(late.headers['set-cookie']).toBeUndefined();
    });

    it('answers an unknown address the same 202 and sends nothing', async () => {
      const unknown = await request(server)
        .post('/auth/link')
        .send({ email: 'nobody-here@cpts.test' })
        .expect(202);
      const known = await request(server)
        .post('/auth/link')
        .send({ email: (await createPerson(t, tenant.cpts.id, 'operator')).email })
        .expect(202);
      expect(unknown.text).toBe(known.text);
      expect(await mailsTo(t, 'nobody-here@cpts.test')).toEqual([]);
    });

    it('answers the sign-in form with a French page, and refuses a bad address naming the field', async () => {
      const page = await request(server)
        .post('/auth/link')
        .type('form')
        .send({ email: 'form@cpts.test', next: '/dashboard' })
        .expect(202);
      expect(page.text).toContain('Vérifiez votre messagerie');
      expectProblem(await request(server).post('/auth/link').send({ email: 'nope' }), 400, 'email');
    });

    it('never stores the link: only its hash, and the outbox holds an id, not a URL', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'operator');
      await request(server).post('/auth/link').send({ email: person.email }).expect(202);
      const [row] = await t.db.system((manager) =>
        manager.query<Array<{ params: Record<string, unknown> }>>(
          `SELECT params FROM notification WHERE recipient = $1`,
          [person.email],
        ),
      );
      expect(JSON.stringify(row.params)).not.toMatch(/auth\/link|http/);
      const token = await t.app.get(LinkSigner).token(row.params.signInLinkId as string);
      const stored = await t.db.system((manager) =>
        manager.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM sign_in_link WHERE token_hash = $1`,
          [hashTokenSecret(token)],
        ),
      );
      expect(stored[0].n).toBe(1);
    });

    it('limits requests per e-mail address, across addresses', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'operator');
      const fresh = await startTestApp({}, t.database);
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) {
          const response = await request(fresh.app.getHttpServer() as Parameters<typeof request>[0])
            .post('/auth/link')
            .send({ email: person.email });
          statuses.push(response.status);
        }
        expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
        expect((await mailsTo(t, person.email)).length).toBe(5);
      } finally {
        await fresh.close();
      }
    });

    it('limits requests per network address', async () => {
      const fresh = await startTestApp({}, t.database);
      try {
        const server = fresh.app.getHttpServer() as Parameters<typeof request>[0];
        for (let i = 0; i < 10; i += 1) {
          await request(server)
            .post('/auth/link')
            .send({ email: `someone${i}@cpts.test` })
            .expect(202);
        }
        expectProblem(
          await request(server).post('/auth/link').send({ email: 'someone10@cpts.test' }),
          429,
        );
      } finally {
        await fresh.close();
      }
    });
  });

  describe('sessions', () => {
    it('sets the session cookie HttpOnly, SameSite=Lax, on / (and Secure, __Host- over https)', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'coordinator');
      const plain = await request(server)
        .get(`/auth/link/${await linkToken(t, person)}`)
        .expect(303);
      const [cookie] = plain.headers['set-cookie'] as unknown as string[];
      expect(cookie).toMatch(/^cpts_session=cpts_[\w-]{43}; /);
      expect(cookie).toMatch(/; Path=\//);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
      expect(cookie).not.toMatch(/; Secure/);

      const https = await startTestApp({ PUBLIC_URL: 'https://cpts.example' }, t.database);
      try {
        const secured = await request(https.app.getHttpServer() as Parameters<typeof request>[0])
          .get(`/auth/link/${await linkToken(https, person)}`)
          .expect(303);
        const [hostCookie] = secured.headers['set-cookie'] as unknown as string[];
        expect(hostCookie).toMatch(/^__Host-cpts_session=/);
        expect(hostCookie).toMatch(/; Secure/);
        expect(hostCookie).toMatch(/; HttpOnly/);
        expect(hostCookie).toMatch(/; SameSite=Lax/);
        expect(hostCookie).not.toMatch(/Domain=/i);
      } finally {
        await https.close();
      }
    });

    it('refuses a cross-site write carrying the session cookie, and one without the CSRF token', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'operator');
      const session = await signIn(t, person);
      const body = requestBody('urgent');
      const post = () =>
        request(server)
          .post('/api/v1/requests')
          .set('Cookie', session.cookie)
          .set('Idempotency-Key', `csrf-${Date.now()}-${Math.random()}`);
      expectProblem(
        await post()
          .set('Origin', 'https://evil.example')
          .set('X-CSRF-Token', session.csrfToken)
          .send(body),
        403,
      );
      expectProblem(await post().send(body), 403);
      expectProblem(await post().set('Origin', ORIGIN).send(body), 403);
      expectProblem(
        await post().set('Origin', ORIGIN).set('X-CSRF-Token', 'forged').send(body),
        403,
      );
      const count = await t.db.system((manager) =>
        manager.query<Array<{ n: number }>>(
          `SELECT count(*)::int AS n FROM orientation_request WHERE created_by_person_id = $1`,
          [person.id],
        ),
      );
      expect(count[0].n).toBe(0);
      await post()
        .set('Origin', ORIGIN)
        .set('X-CSRF-Token', session.csrfToken)
        .send(body)
        .expect(201);
    });

    it('ends after SESSION_IDLE without a request, at SESSION_MAX, and on sign-out', async () => {
      const person = await createPerson(t, tenant.cpts.id, 'coordinator');
      const idle = await signIn(t, person);
      const max = await signIn(t, person);
      const leaving = await signIn(t, person);
      const [{ idleSeconds, hours }] = await t.db.system((manager) =>
        manager.query<Array<{ idleSeconds: number; hours: number }>>(
          `SELECT idle_seconds AS "idleSeconds",
                  round(extract(epoch FROM expires_at - created_at) / 3600) AS hours
             FROM session WHERE person_id = $1 LIMIT 1`,
          [person.id],
        ),
      );
      expect(idleSeconds).toBe(30 * 60);
      expect(Number(hours)).toBe(12);
      await idle.http().get('/api/v1/session').expect(200);
      await t.db.system(async (manager) => {
        await manager.query(
          `UPDATE session SET last_seen_at = now() - interval '31 minutes'
            WHERE token_hash = $1`,
          [hashTokenSecret(idle.cookie.replace(/^cpts_session=/, ''))],
        );
        await manager.query(
          `UPDATE session SET expires_at = now() - interval '1 second' WHERE token_hash = $1`,
          [hashTokenSecret(max.cookie.replace(/^cpts_session=/, ''))],
        );
      });
      expectProblem(await idle.http().get('/api/v1/session'), 401);
      expectProblem(await max.http().get('/api/v1/session'), 401);
      await leaving.http().post('/auth/logout').expect(200);
      expectProblem(await leaving.http().get('/api/v1/session'), 401);
    });
  });

  describe('a GP’s single-purpose link', () => {
    it('opens only that GP’s availability and offers, for 7 days', async () => {
      const gp = await createPractitioner(t, tenant.cpts.id, {
        email: 'dr.offer@cpts.test',
        accepting: true,
        openPlaces: 2,
        latitude: 47.668,
        longitude: -2.982,
      });
      const other = await createPractitioner(t, tenant.cpts.id, { accepting: false });
      const urgent = await createSlot(t, tenant.cpts.id, gp, 120);
      const booked = await fileRequest(t, tenant.platform, requestBody('urgent'));
      expect(booked.body.status).toBe('booked');
      expect(booked.body.appointment.slotId).toBe(urgent);
      const referral = await fileRequest(t, tenant.platform, requestBody('referring_physician'));
      expect(referral.body.status).toBe('offered');

      const offerMail = (await mailsTo(t, 'dr.offer@cpts.test')).find(
        (mail) => mail.template === 'practitioner.offered',
      );
      expect(offerMail?.link).toBeDefined();
      expect(offerMail!.text).not.toContain('/api/v1');
      const opened = await request(server).get(pathOf(offerMail!.link!)).expect(303);
      expect(opened.headers.location).toBe('/medecin');
      const cookie = cookieHeader(opened.headers['set-cookie']);
      const me = await request(server).get('/api/v1/session').set('Cookie', cookie).expect(200);
      expect(me.body).toEqual(
        expect.objectContaining({
          role: 'practitioner',
          scope: 'practitioner_link',
          practitionerId: gp,
        }),
      );
      const days = (new Date(me.body.expiresAt as string).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);

      const get = (path: string) => request(server).get(path).set('Cookie', cookie);
      await get(`/api/v1/practitioners/${gp}/offers?status=pending`).expect(200);
      await get(`/api/v1/practitioners/${gp}/slots`).expect(200);
      expectProblem(await get(`/api/v1/requests/${booked.body.id}`), 403);
      expectProblem(await get(`/api/v1/requests/${referral.body.id}`), 403);
      expectProblem(await get('/api/v1/availability'), 403);
      expectProblem(await get('/api/v1/requests'), 403);
      expectProblem(await get(`/api/v1/practitioners/${other}`), 403);
      expectProblem(await get(`/api/v1/practitioners/${other}/offers`), 403);

      // The same link opens again (a GP taps it from their phone, then from their desk).
      await request(server).get(pathOf(offerMail!.link!)).expect(303);
      const [offer] = await t.db.system((manager) =>
        manager.query<Array<{ id: string }>>(`SELECT id FROM offer WHERE request_id = $1`, [
          referral.body.id,
        ]),
      );
      await request(server)
        .post(`/api/v1/offers/${offer.id}/accept`)
        .set('Cookie', cookie)
        .set('Origin', ORIGIN)
        .set('X-CSRF-Token', me.body.csrfToken as string)
        .expect(200);
      const assigned = await t.http(tenant.coordinator).get(`/api/v1/requests/${referral.body.id}`);
      expect(assigned.body.status).toBe('assigned');
      const history = assigned.body.history as Array<{ by?: unknown }>;
      expect(history.at(-1)?.by).toEqual({
        kind: 'person',
        name: 'Dr Anne Le Goff',
        role: 'practitioner',
      });
    });
  });

  describe('the weekly nudge to a GP whose availability is stale', () => {
    it('links to the one-tap confirmation of their space, not to the API', async () => {
      const gp = await createPractitioner(t, tenant.cpts.id, { email: 'dr.stale@cpts.test' });
      await t.db.system((manager) =>
        manager.query(
          `UPDATE practitioner SET availability_updated_at = now() - interval '8 days',
                  created_at = now() - interval '30 days' WHERE id = $1`,
          [gp],
        ),
      );
      await t.app.get(NotificationSchedulesService).run('availability-nudge');
      const [nudge] = await mailsTo(t, 'dr.stale@cpts.test');
      expect(nudge.template).toBe('practitioner.availability_stale');
      expect(nudge.text).not.toContain('/api/v1');
      const opened = await request(server).get(pathOf(nudge.link!)).expect(303);
      expect(opened.headers.location).toBe('/medecin#confirmer');
      const me = await request(server)
        .get('/api/v1/session')
        .set('Cookie', cookieHeader(opened.headers['set-cookie']))
        .expect(200);
      expect(me.body).toEqual(
        expect.objectContaining({ scope: 'practitioner_link', practitionerId: gp }),
      );
    });
  });

  describe('the audit names people', () => {
    it('records the operator who filed a request and the coordinator who read it', async () => {
      const operator = await createPerson(t, tenant.cpts.id, 'operator', {
        displayName: 'Mme Opératrice',
      });
      const session = await signIn(t, operator);
      const filed = await session
        .http()
        .post('/api/v1/requests')
        .set('Idempotency-Key', `audit-${Date.now()}`)
        .send(requestBody('urgent', { communeCode: '56177' }))
        .expect(201);
      const coordinator = await createPerson(t, tenant.cpts.id, 'coordinator', {
        displayName: 'M. Coordinateur',
      });
      const read = await (
        await signIn(t, coordinator)
      )
        .http()
        .get(`/api/v1/requests/${filed.body.id}`)
        .expect(200);
      expect(read.body.history[0]).toEqual(
        expect.objectContaining({
          type: 'created',
          by: { kind: 'person', name: 'Mme Opératrice', role: 'operator' },
        }),
      );
      const byToken = await fileRequest(t, tenant.platform, requestBody('urgent'));
      const machine = await t.http(tenant.coordinator).get(`/api/v1/requests/${byToken.body.id}`);
      expect(machine.body.history[0].by).toEqual({
        kind: 'token',
        name: 'test platform',
        role: 'platform',
      });
      const accesses = await t.db.system((manager) =>
        manager.query<Array<{ personId: string | null; tokenId: string | null }>>(
          `SELECT person_id AS "personId", token_id AS "tokenId" FROM request_access
            WHERE request_id = $1 ORDER BY id`,
          [filed.body.id],
        ),
      );
      expect(accesses).toContainEqual({ personId: coordinator.id, tokenId: null });
    });
  });
});
