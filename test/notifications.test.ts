import { randomUUID } from 'node:crypto';

import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';

import { Notification } from '../src/notifications/notification.entity';
import { CHANNEL_QUEUES, NOTIFICATION_QUEUE } from '../src/notifications/notification-queue';
import { NotificationSchedulesService } from '../src/notifications/notification-schedules.service';
import {
  NotificationRequest,
  NotificationsService,
} from '../src/notifications/notifications.service';
import { OutboxRelayService } from '../src/notifications/outbox-relay.service';
import { verifyWebhookSignature } from '../src/notifications/webhook-signature';
import { FakeBrevo, FakePlatform, FakeSmtp } from './support/notification-fakes';
import { BOOKED } from './support/notification-requests';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const COORDINATOR = 'coordination@cpts.example';
const PATIENT_PHONE = '+33612345678';
const GP_EMAIL = 'p.legall@example.fr';

const booked = { ...BOOKED, cancelPhone: '02 97 00 00 00' };

const gpBooked = {
  patientFirstName: 'Hélène',
  patientInitial: 'M',
  patientAge: 34,
  reason: 'Douleur',
  startsAt: booked.startsAt,
  mode: 'in_person' as const,
  reference: booked.reference,
  // The GP's sign-in link: its URL is derived from the id when the message is rendered.
  signInLinkId: randomUUID(),
};

describe('notifications: SMS (Brevo), e-mail (SMTP) and webhooks through the queues', () => {
  let t: TestApp;
  let a: Tenant;
  const brevo = new FakeBrevo();
  const smtp = new FakeSmtp();
  const platform = new FakePlatform();

  beforeAll(async () => {
    await Promise.all([brevo.start(), smtp.start(), platform.start()]);
    t = await startTestApp({
      SMS_PROVIDER: 'brevo',
      SMS_API_URL: brevo.url,
      SMS_API_KEY: 'test-key',
      SMS_SENDER: 'CPTSAuray',
      SMTP_URL: smtp.url,
      MAIL_FROM: 'CPTS <no-reply@cpts.example>',
      COORDINATOR_EMAILS: COORDINATOR,
      NOTIFICATION_BACKOFF: '100ms',
      NOTIFICATION_ATTEMPTS: '4',
    });
    a = await t.tenant();
  });

  afterAll(async () => {
    await t.close();
    await Promise.all([brevo.stop(), smtp.stop(), platform.stop()]);
  });

  beforeEach(() => {
    brevo.script = () => ({ status: 201 });
  });

  const request = (requests: NotificationRequest[]) =>
    t.db.tenant(a.cpts.id, (manager) => t.app.get(NotificationsService).request(manager, requests));

  const load = (id: string) =>
    t.db.system((manager) => manager.findOneByOrFail(Notification, { id }));

  const settled = (id: string, timeoutMs = 10_000) =>
    eventually(
      async () => {
        const row = await load(id);
        return row.status !== 'pending' ? row : undefined;
      },
      { timeoutMs },
    );

  const sms = (params = booked): NotificationRequest<'patient.booked'> => ({
    channel: 'sms',
    recipient: PATIENT_PHONE,
    template: 'patient.booked',
    params,
  });

  it('delivers the patient SMS and the practitioner e-mail exactly once', async () => {
    const [text, mail] = await request([
      sms(),
      { channel: 'email', recipient: GP_EMAIL, template: 'practitioner.booked', params: gpBooked },
    ]);
    const [smsRow, mailRow] = await Promise.all([settled(text.id), settled(mail.id)]);
    expect(smsRow).toMatchObject({ status: 'sent', attempts: 1, attemptStartedAt: null });
    expect(mailRow).toMatchObject({ status: 'sent', attempts: 1 });

    // Sweeping again, and again, sends nothing more.
    await t.app.get(OutboxRelayService).sweep();
    await t.app.get(OutboxRelayService).sweep();
    expect(brevo.sendsOf(text.id)).toHaveLength(1);
    const [sent] = brevo.sendsOf(text.id);
    expect(sent).toMatchObject({
      recipient: '33612345678',
      sender: 'CPTSAuray',
      type: 'transactional',
      apiKey: 'test-key',
    });
    expect(sent.content).toBe(
      'Hélène, votre RDV médecin : lun 07/01 à 09h00, Dr Paul Le Gall, 3 rue du Port, Auray. ' +
        'Pour annuler : 02 97 00 00 00. Réf SNP-2030-000001',
    );
    expect(smsRow.providerMessageId).toBe(String(brevo.sends.indexOf(sent) + 1));

    const mails = smtp.mailsTo(GP_EMAIL);
    expect(mails).toHaveLength(1);
    expect(mails[0].raw).toContain(`Message-ID: <${mail.id}@cpts-orientation>`);
    expect(mails[0].raw).toMatch(/Subject: =\?UTF-8\?/);
    expect(mails[0].raw).toContain('Douleur');
  });

  it('retries provider errors 500, 500 then sends: attempts = 3', async () => {
    brevo.script = (_tag, nth) => (nth <= 2 ? { status: 500 } : { status: 201 });
    const [row] = await request([sms()]);
    const done = await settled(row.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(brevo.sendsOf(row.id)).toHaveLength(3);
  });

  it('fails a 400 at once, without retry, and tells the coordinators once', async () => {
    brevo.script = () => ({ status: 400 });
    const [row] = await request([sms({ ...booked, reference: 'SNP-2030-000400' })]);
    const done = await settled(row.id);
    expect(done).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastError: 'Brevo answered HTTP 400',
    });
    expect(brevo.sendsOf(row.id)).toHaveLength(1);
    const alert = await eventually(() =>
      Promise.resolve(
        smtp.mailsTo(COORDINATOR).find((mail) => mail.raw.includes('SNP-2030-000400')),
      ),
    );
    expect(alert.raw).toContain('patient.booked');
    await t.app.get(OutboxRelayService).sweep();
    expect(
      smtp.mailsTo(COORDINATOR).filter((mail) => mail.raw.includes('SNP-2030-000400')),
    ).toHaveLength(1);
    expect(brevo.sendsOf(row.id)).toHaveLength(1);
  });

  it('retries a 429 later, no sooner than the provider asked', async () => {
    brevo.script = (_tag, nth) => (nth === 1 ? { status: 429, retryAfter: '1' } : { status: 201 });
    const [row] = await request([sms()]);
    const done = await settled(row.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    const [first, second] = brevo.sendsOf(row.id);
    expect(second.at - first.at).toBeGreaterThanOrEqual(950);
  });

  it('fails after the last attempt of a provider that stays down', async () => {
    brevo.script = () => ({ status: 503 });
    const [row] = await request([sms({ ...booked, reference: 'SNP-2030-000503' })]);
    const done = await settled(row.id);
    expect(done).toMatchObject({ status: 'failed', attempts: 4 });
    expect(brevo.sendsOf(row.id)).toHaveLength(4);
    await eventually(() =>
      Promise.resolve(
        smtp.mailsTo(COORDINATOR).find((mail) => mail.raw.includes('SNP-2030-000503')),
      ),
    );
  });

  it('holds a scheduled reminder until its time, and never sends a cancelled one', async () => {
    const requestId = randomUUID();
    const cancelledId = randomUUID();
    const sendAt = new Date(Date.now() + 4000);
    const [reminder] = await request([
      { ...sms(), template: 'patient.reminder', requestId, sendAt },
    ]);
    const [cancelled] = await request([
      { ...sms(), template: 'patient.reminder', requestId: cancelledId, sendAt },
    ]);
    const removed = await t.db.tenant(a.cpts.id, (manager) =>
      t.app.get(NotificationsService).cancelPending(manager, cancelledId, 'patient.reminder'),
    );
    expect(removed).toBe(1);
    const queue = t.app.get<Queue>(getQueueToken(CHANNEL_QUEUES.sms));
    // The relay queues it on commit, asynchronously: wait for the delayed job, well before sendAt.
    await eventually(
      async () => (await queue.getJobState(`notification-${reminder.id}`)) === 'delayed',
      { timeoutMs: 3000 },
    );
    expect(Date.now()).toBeLessThan(sendAt.getTime());
    const done = await settled(reminder.id);
    expect(done.sentAt!.getTime()).toBeGreaterThanOrEqual(sendAt.getTime());
    expect(brevo.sendsOf(reminder.id)).toHaveLength(1);
    expect(brevo.sendsOf(cancelled.id)).toHaveLength(0);
  });

  it('lists the notifications of a request with masked recipients', async () => {
    const requestId = randomUUID();
    brevo.script = () => ({ status: 400 });
    await request([
      { ...sms(), requestId },
      {
        channel: 'email',
        recipient: GP_EMAIL,
        template: 'practitioner.booked',
        params: gpBooked,
        requestId,
      },
    ]);
    const items = await eventually(async () => {
      const list = await t.db.tenant(a.cpts.id, (manager) =>
        t.app.get(NotificationsService).listForRequest(manager, requestId),
      );
      return list.length === 3 && list.every((item) => item.status !== 'pending')
        ? list
        : undefined;
    });
    expect(items).toHaveLength(3);
    // Rows written in one transaction share their creation time: their order is not asserted.
    expect(items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          channel: 'sms',
          recipient: '+33 6 •• •• •• 78',
          template: 'patient.booked',
          status: 'failed',
          attempts: 1,
          lastError: 'Brevo answered HTTP 400',
        }),
        expect.objectContaining({
          channel: 'email',
          recipient: 'p••@example.fr',
          status: 'sent',
          attempts: 1,
          sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*[+-]\d{2}:\d{2}$/),
        }),
        // The coordinators' alert about the failed SMS belongs to the request too.
        expect.objectContaining({ template: 'coordinator.notification_failed' }),
      ]),
    );
    // Another CPTS sees none of them.
    const other = await t.tenant();
    const seen = await t.db.tenant(other.cpts.id, (manager) =>
      t.app.get(NotificationsService).listForRequest(manager, requestId),
    );
    expect(seen).toEqual([]);
  });

  it('skips a repeated dedupe key without failing the transaction', async () => {
    const dedupeKey = `once-${randomUUID()}`;
    const first = await request([{ ...sms(), dedupeKey }]);
    const second = await request([{ ...sms(), dedupeKey }]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(0);
  });

  describe('platform webhooks', () => {
    it('lets a coordinator set a platform token webhook, and refuses other tokens', async () => {
      const tokens = await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
      const byRole = (role: string) =>
        (tokens.body.items as Array<{ id: string; role: string }>).find((x) => x.role === role)!.id;
      await t
        .http(a.coordinator)
        .put(`/api/v1/access-tokens/${byRole('coordinator')}/webhook`)
        .send({ url: platform.url })
        .expect(409);
      await t
        .http(a.coordinator)
        .put(`/api/v1/access-tokens/${byRole('platform')}/webhook`)
        .send({ url: 'not a url' })
        .expect(400);
      await t
        .http(a.platform)
        .put(`/api/v1/access-tokens/${byRole('platform')}/webhook`)
        .send({ url: platform.url })
        .expect(403);
      await t
        .http(a.coordinator)
        .put(`/api/v1/access-tokens/${randomUUID()}/webhook`)
        .send({ url: platform.url })
        .expect(404);
    });

    it('POSTs a signed status change to the platform, once', async () => {
      const tokens = await t.http(a.coordinator).get('/api/v1/access-tokens').expect(200);
      const platformTokenId = (tokens.body.items as Array<{ id: string; role: string }>).find(
        (x) => x.role === 'platform',
      )!.id;
      const set = await t
        .http(a.coordinator)
        .put(`/api/v1/access-tokens/${platformTokenId}/webhook`)
        .send({ url: platform.url })
        .expect(200);
      expect(set.body).toEqual({
        tokenId: platformTokenId,
        url: platform.url,
        secret: expect.stringMatching(/^whsec_/),
      });
      const requestId = randomUUID();
      const [row] = await request([
        {
          channel: 'webhook',
          recipient: platformTokenId,
          template: 'platform.status_changed',
          params: { requestId, reference: 'SNP-1', status: 'booked', at: '2030-01-07T08:00:00Z' },
          requestId,
        },
      ]);
      await settled(row.id);
      const hooks = platform.hooks.filter((hook) => hook.headers['x-cpts-delivery'] === row.id);
      expect(hooks).toHaveLength(1);
      const [hook] = hooks;
      expect(JSON.parse(hook.body)).toEqual({
        event: 'request.status_changed',
        requestId,
        reference: 'SNP-1',
        status: 'booked',
        at: '2030-01-07T08:00:00.000Z',
      });
      expect(
        verifyWebhookSignature(
          set.body.secret as string,
          hook.headers['x-cpts-timestamp'] as string,
          hook.body,
          hook.headers['x-cpts-signature'] as string,
          new Date(),
        ),
      ).toBe(true);

      // Without a webhook, nothing is written for the platform.
      await t
        .http(a.coordinator)
        .delete(`/api/v1/access-tokens/${platformTokenId}/webhook`)
        .expect(204);
      const none = await request([
        {
          channel: 'webhook',
          recipient: platformTokenId,
          template: 'platform.status_changed',
          params: {
            requestId,
            reference: 'SNP-1',
            status: 'cancelled',
            at: '2030-01-07T09:00:00Z',
          },
        },
      ]);
      expect(none).toEqual([]);
    });
  });

  describe('scheduled work', () => {
    it('installs the weekly nudge, the daily digest and the capacity nudge as job schedulers', async () => {
      const queue = t.app.get<Queue>(getQueueToken(NOTIFICATION_QUEUE));
      const schedulers = await eventually(async () => {
        const found = await queue.getJobSchedulers();
        return found.length === 3 ? found : undefined;
      });
      expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
        ['availability-nudge', '0 9 * * 1', 'Europe/Paris'],
        ['capacity-confirm', '30 9 * * *', 'Europe/Paris'],
        ['coordinator-digest', '30 7 * * *', 'Europe/Paris'],
      ]);
    });

    it('nudges practitioners whose availability is over 7 days old, once a week', async () => {
      const insert = (rpps: string, email: string, days: number) =>
        t.db.system((manager) =>
          manager.query(
            `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address,
                                       commune_code, modes, availability_updated_at)
             VALUES ($1, $2, 'Anne', 'Le Goff', $3, '+33600000000', '1 rue', '56007', '{in_person}',
                     now() - $4 * interval '1 day')`,
            [a.cpts.id, rpps, email, days],
          ),
        );
      await insert('10000000001', 'stale@example.fr', 8);
      await insert('10000000002', 'fresh@example.fr', 2);
      const schedules = t.app.get(NotificationSchedulesService);
      expect(await schedules.run('availability-nudge')).toBe('1 nudge(s)');
      expect(await schedules.run('availability-nudge')).toBe('0 nudge(s)');
      const mail = await eventually(() => Promise.resolve(smtp.mailsTo('stale@example.fr')[0]));
      expect(mail.raw).toContain('Bonjour Anne,');
      expect(smtp.mailsTo('fresh@example.fr')).toHaveLength(0);
    });

    it('sends no digest when no request is at risk or unmet', async () => {
      expect(await t.app.get(NotificationSchedulesService).run('coordinator-digest')).toBe(
        '0 digest(s)',
      );
    });
  });
});
