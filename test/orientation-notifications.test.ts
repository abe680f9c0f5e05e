import { OutboxRelayService } from '../src/notifications/outbox-relay.service';
import { FakeBrevo, FakePlatform, FakeSmtp } from './support/notification-fakes';
import { fileRequest, requestBody } from './support/orientation-fixtures';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface NotificationItem {
  channel: string;
  template: string;
  status: string;
  attempts: number;
}

describe('a booking, as patients, GPs and platforms hear of it', () => {
  const brevo = new FakeBrevo();
  const smtp = new FakeSmtp();
  const platform = new FakePlatform();
  let t: TestApp;
  let tenant: Tenant;

  beforeAll(async () => {
    await Promise.all([brevo.start(), smtp.start(), platform.start()]);
    t = await startTestApp({
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMTP_URL: smtp.url,
      NOTIFICATION_BACKOFF: '100ms',
    });
    tenant = await t.tenant();
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([brevo.stop(), smtp.stop(), platform.stop()]);
  });

  it("sends the patient's SMS and the GP's e-mail exactly once, and signs the platform's webhooks", async () => {
    const platformTokenId = (
      await t.db.system((m) =>
        m.query<Array<{ id: string }>>(
          `SELECT id FROM access_token WHERE cpts_id = $1 AND role = 'platform'`,
          [tenant.cpts.id],
        ),
      )
    )[0].id;
    await t
      .http(tenant.coordinator)
      .put(`/api/v1/access-tokens/${platformTokenId}/webhook`)
      .send({ url: platform.url })
      .expect(200);
    const gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Le Bihan' });
    await t.db.system((m) =>
      m.query(
        `UPDATE practitioner SET email = 'dr.lebihan@example.fr', notify_email = true WHERE id = $1`,
        [gp],
      ),
    );
    await createSlot(t, tenant.cpts.id, gp, 600);

    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { firstName: 'Maëlle' }, { reason: 'otite' }),
    ).expect(201);
    expect(filed.body.status).toBe('booked');

    await eventually(async () => {
      const list = await t
        .http(tenant.platform)
        .get(`/api/v1/requests/${filed.body.id}/notifications`)
        .expect(200);
      const items = list.body as NotificationItem[];
      const due = items.filter((item) => item.template !== 'patient.reminder');
      return due.length >= 3 && due.every((item) => item.status === 'sent') ? items : undefined;
    });
    // Two more sweeps of the outbox change nothing.
    await t.app.get(OutboxRelayService).sweep();

    const sms = brevo.sends.filter(
      (send) => send.content.includes('Maëlle') || send.content.includes('Maelle'),
    );
    expect(sms).toHaveLength(1);
    expect(sms[0].recipient).toMatch(/33612345678$/);
    expect(sms[0].content).not.toMatch(/otite/);
    const mails = smtp.mailsTo('dr.lebihan@example.fr');
    expect(mails).toHaveLength(1);
    const hooks = platform.hooks.map(
      (hook) => JSON.parse(hook.body) as { requestId: string; status: string },
    );
    expect(
      hooks.filter((hook) => hook.requestId === filed.body.id).map((hook) => hook.status),
    ).toEqual(['booked']);
    expect(platform.hooks[0].headers['x-cpts-signature']).toMatch(/^sha256=/);

    const reminder = (
      (await t.http(tenant.coordinator).get(`/api/v1/requests/${filed.body.id}/notifications`))
        .body as NotificationItem[]
    ).find((item) => item.template === 'patient.reminder');
    expect(reminder).toMatchObject({ channel: 'sms', status: 'pending' });

    await t
      .http(tenant.platform)
      .post(`/api/v1/requests/${filed.body.id}/cancel`)
      .send({ reason: 'annulé par le patient' })
      .expect(200);
    const after = (
      await t.http(tenant.coordinator).get(`/api/v1/requests/${filed.body.id}/notifications`)
    ).body as NotificationItem[];
    expect(after.find((item) => item.template === 'patient.reminder')).toBeUndefined();
    expect(after.some((item) => item.template === 'practitioner.cancelled')).toBe(true);
    await eventually(() =>
      Promise.resolve(
        platform.hooks.some(
          (hook) => (JSON.parse(hook.body) as { status: string }).status === 'cancelled',
        ),
      ),
    );
  });

  it('links the GP’s message to the person the booking made for them, in the same transaction', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Guillou' });
    await createSlot(t, tenant.cpts.id, gp, 120);
    const people = () =>
      t.db.system((m) =>
        m.query<Array<{ id: string }>>(`SELECT id FROM person WHERE practitioner_id = $1`, [gp]),
      );
    expect(await people()).toEqual([]);

    const filed = await fileRequest(t, tenant.platform, requestBody('urgent')).expect(201);
    expect(filed.body.status).toBe('booked');
    expect(filed.body.appointment.practitioner.id).toBe(gp);

    const [person] = await people();
    const links = await t.db.system((m) =>
      m.query<Array<{ person_id: string; purpose: string; next: string }>>(
        `SELECT l.person_id, l.purpose, l.next
           FROM notification n JOIN sign_in_link l ON l.id = (n.params->>'signInLinkId')::uuid
          WHERE n.request_id = $1 AND n.template LIKE 'practitioner.%'`,
        [filed.body.id],
      ),
    );
    expect(links).toEqual([
      { person_id: person.id, purpose: 'practitioner', next: '/medecin#patients' },
    ]);
  });
});
