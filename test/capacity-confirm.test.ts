import request from 'supertest';

import { AppConfig } from '../src/config/app-config';
import { NotificationSchedulesService } from '../src/notifications/notification-schedules.service';
import { ageOn } from '../src/orientation/requests/request-identity';
import { mailsTo } from './support/mailbox';
import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { cookieHeader } from './support/people';
import { expectProblem } from './support/problem';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface LiveItem {
  practitioner: { id: string };
  newPatients: { accepting: boolean; openPlaces: number; updatedAt: string; expired: boolean };
  availabilityUpdatedAt: string | null;
}

describe('new-patient declarations that lapse, and their one-tap confirmation', () => {
  let t: TestApp;
  let tenant: Tenant;
  let server: Parameters<typeof request>[0];
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    server = t.app.getHttpServer() as Parameters<typeof request>[0];
    origin = new URL(t.app.get(AppConfig).publicUrl).origin;
    tenant = await t.tenant();
    await seedCentres(t);
  });

  afterAll(() => t.close());

  const declaredDaysAgo = (practitionerId: string, days: number) =>
    t.db.system((manager) =>
      manager.query(
        `UPDATE practitioner SET capacity_updated_at = now() - make_interval(days => $2),
                availability_updated_at = now() - make_interval(days => $2) WHERE id = $1`,
        [practitionerId, days],
      ),
    );

  async function liveItem(practitionerId: string): Promise<LiveItem> {
    const table = await t.http(tenant.coordinator).get('/api/v1/availability').expect(200);
    const item = (table.body.items as LiveItem[]).find((i) => i.practitioner.id === practitionerId);
    if (!item) throw new Error('practitioner missing from the live table');
    return item;
  }

  /** Opens a message's link as the GP's phone would: a session of the link's scope. */
  async function openLink(link: string) {
    const opened = await request(server).get(new URL(link).pathname).expect(303);
    const cookie = cookieHeader(opened.headers['set-cookie']);
    const session = await request(server).get('/api/v1/session').set('Cookie', cookie).expect(200);
    return {
      location: opened.headers.location,
      scope: session.body.scope as string,
      get: (path: string) => request(server).get(path).set('Cookie', cookie),
      post: (path: string) =>
        request(server)
          .post(path)
          .set('Cookie', cookie)
          .set('Origin', origin)
          .set('X-CSRF-Token', session.body.csrfToken as string),
    };
  }

  it('takes a lapsed GP out of matching and the live table, nudges once, and one tap restores them', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, {
      email: 'dr.lapsed@cpts.test',
      accepting: true,
      openPlaces: 2,
      latitude: 47.668,
      longitude: -2.982,
    });
    await declaredDaysAgo(gp, 31);

    const referral = await fileRequest(t, tenant.platform, requestBody('referring_physician'));
    expect(referral.status).toBe(201);
    expect(referral.body.status).toBe('pending');
    expect((await liveItem(gp)).newPatients).toEqual(
      expect.objectContaining({ accepting: false, openPlaces: 2, expired: true }),
    );

    const schedules = t.app.get(NotificationSchedulesService);
    await schedules.run('capacity-confirm');
    await schedules.run('capacity-confirm');
    const nudges = (await mailsTo(t, 'dr.lapsed@cpts.test')).filter(
      (mail) => mail.template === 'practitioner.capacity_confirm',
    );
    expect(nudges).toHaveLength(1);
    expect(nudges[0].text).not.toContain('/api/v1');
    expect(nudges[0].subject).toBe('[CPTS] Acceptez-vous toujours de nouveaux patients ?');

    const gpPhone = await openLink(nudges[0].link!);
    expect(gpPhone.location).toBe('/medecin#confirmer');
    expect(gpPhone.scope).toBe('practitioner_link');
    const before = Date.now();
    const confirmed = await gpPhone
      .post(`/api/v1/practitioners/${gp}/availability/confirm`)
      .expect(200);
    expect(confirmed.body).toEqual({
      availabilityUpdatedAt: expect.stringMatching(/\+0[12]:00$/),
      capacityUpdatedAt: expect.stringMatching(/\+0[12]:00$/),
    });
    for (const at of Object.values(confirmed.body as Record<string, string>)) {
      expect(Date.parse(at)).toBeGreaterThanOrEqual(before - 1000);
    }

    const restored = await liveItem(gp);
    expect(restored.newPatients).toEqual(
      expect.objectContaining({ accepting: true, openPlaces: 2, expired: false }),
    );
    expect(restored.newPatients.updatedAt).toBe(confirmed.body.capacityUpdatedAt);
    // The waiting patient is offered to the GP again, as on any new capacity.
    await eventually(async () => (await requestStatus(t, referral.body.id)) === 'offered');

    // A new declaration gets its own nudge when it lapses in turn; the old one is not repeated.
    await schedules.run('capacity-confirm');
    expect(
      (await mailsTo(t, 'dr.lapsed@cpts.test')).filter(
        (mail) => mail.template === 'practitioner.capacity_confirm',
      ),
    ).toHaveLength(1);
  });

  it('nudges a declaration 3 days before it lapses, while it still counts', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, {
      email: 'dr.soon@cpts.test',
      accepting: true,
      openPlaces: 1,
    });
    const fresh = await createPractitioner(t, tenant.cpts.id, {
      email: 'dr.fresh@cpts.test',
      accepting: true,
      openPlaces: 1,
    });
    await declaredDaysAgo(gp, 28);
    await declaredDaysAgo(fresh, 20);
    await t.app.get(NotificationSchedulesService).run('capacity-confirm');
    expect((await mailsTo(t, 'dr.soon@cpts.test')).map((mail) => mail.template)).toEqual([
      'practitioner.capacity_confirm',
    ]);
    expect(await mailsTo(t, 'dr.fresh@cpts.test')).toEqual([]);
    expect((await liveItem(gp)).newPatients).toEqual(
      expect.objectContaining({ accepting: true, expired: false }),
    );
  });

  it('lists only that GP’s booked patients, by first name, initial and age, and never to a message link', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, {
      email: 'dr.mine@cpts.test',
      latitude: 47.668,
      longitude: -2.982,
    });
    const other = await createPractitioner(t, tenant.cpts.id, {
      latitude: 47.668,
      longitude: -2.982,
    });
    await createSlot(t, tenant.cpts.id, gp, 180);
    const mine = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { firstName: 'Hélène', birthDate: '1958-01-15' }, { reason: 'Toux' }),
    );
    expect(mine.body.status).toBe('booked');
    expect(mine.body.appointment.practitioner.id).toBe(gp);
    await createSlot(t, tenant.cpts.id, other, 200);
    const theirs = await fileRequest(t, tenant.platform, requestBody('urgent'));
    expect(theirs.body.appointment.practitioner.id).toBe(other);

    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    const list = await t.http(token).get(`/api/v1/practitioners/${gp}/appointments`).expect(200);
    const age = ageOn('1958-01-15', new Date());
    expect(list.body).toEqual({
      items: [
        {
          appointmentId: expect.any(String),
          requestId: mine.body.id,
          reference: mine.body.reference,
          startsAt: expect.stringMatching(/\+0[12]:00$/),
          endsAt: expect.stringMatching(/\+0[12]:00$/),
          mode: 'in_person',
          place: { address: '1 rue de la Gare', communeName: 'Auray' },
          patient: { firstName: 'Hélène', initial: 'T', age },
          reason: 'Toux',
          outcome: null,
        },
      ],
      nextCursor: null,
    });
    expect(JSON.stringify(list.body)).not.toMatch(/06 12|1958/);
    const [logged] = await t.db.system((manager) =>
      manager.query<Array<{ action: string }>>(
        `SELECT action FROM request_access WHERE request_id = $1 ORDER BY id DESC LIMIT 1`,
        [mine.body.id],
      ),
    );
    expect(logged.action).toBe('list_appointments');
    const coordinatorView = await t
      .http(tenant.coordinator)
      .get(`/api/v1/practitioners/${other}/appointments`)
      .expect(200);
    const items = coordinatorView.body.items as Array<{ requestId: string }>;
    expect(items.map((item) => item.requestId)).toEqual([theirs.body.id]);
    expectProblem(await t.http(token).get(`/api/v1/practitioners/${other}/appointments`), 403);

    // The link of a message opens availability, never patient data.
    await createSlot(t, tenant.cpts.id, gp, 400);
    await declaredDaysAgo(gp, 10);
    await t.app.get(NotificationSchedulesService).run('availability-nudge');
    const [stale] = (await mailsTo(t, 'dr.mine@cpts.test')).filter(
      (mail) => mail.template === 'practitioner.availability_stale',
    );
    const gpPhone = await openLink(stale.link!);
    expect(gpPhone.location).toBe('/medecin#confirmer');
    await gpPhone.post(`/api/v1/practitioners/${gp}/availability/confirm`).expect(200);
    expectProblem(await gpPhone.get(`/api/v1/practitioners/${gp}/appointments`), 403);
  });

  it('refuses a window that ends before it starts, naming the field', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id);
    expectProblem(
      await t
        .http(tenant.coordinator)
        .get(
          `/api/v1/practitioners/${gp}/appointments?from=2026-03-10T00:00:00Z&to=2026-03-01T00:00:00Z`,
        ),
      400,
      'to',
    );
  });
});
