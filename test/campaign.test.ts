import request from 'supertest';

import { CampaignReminders } from '../src/campaigns/campaign-reminders.service';
import { AppConfig } from '../src/config/app-config';
import { mailsTo } from './support/mailbox';
import { seedCentres } from './support/orientation-fixtures';
import { cookieHeader } from './support/people';
import { expectProblem } from './support/problem';
import { createPractitioner } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

interface Outbound {
  channel: string;
  recipient: string;
  template: string;
}

const PATTERN = { weekday: 2, startTime: '08:30', endTime: '10:00', slotMinutes: 30 };

describe('the questionnaire MT/SNP campaign', () => {
  let t: TestApp;
  let tenant: Tenant;
  let other: Tenant;
  let server: Parameters<typeof request>[0];
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000', CAMPAIGN_REMIND_AFTER: '3s' });
    server = t.app.getHttpServer() as Parameters<typeof request>[0];
    origin = new URL(t.app.get(AppConfig).publicUrl).origin;
    tenant = await t.tenant();
    other = await t.tenant();
    await seedCentres(t);
  });

  afterAll(() => t.close());

  const outbox = (cptsId: string, templatePrefix: string) =>
    t.db.system((manager) =>
      manager.query<Outbound[]>(
        `SELECT channel, recipient, template FROM notification
          WHERE cpts_id = $1 AND template LIKE $2 ORDER BY recipient, channel`,
        [cptsId, `${templatePrefix}%`],
      ),
    );

  async function openLink(link: string) {
    const opened = await request(server).get(new URL(link).pathname).expect(303);
    const cookie = cookieHeader(opened.headers['set-cookie']);
    const session = await request(server).get('/api/v1/session').set('Cookie', cookie).expect(200);
    return {
      location: opened.headers.location,
      get: (path: string) => request(server).get(path).set('Cookie', cookie),
      post: (path: string) =>
        request(server)
          .post(path)
          .set('Cookie', cookie)
          .set('Origin', origin)
          .set('X-CSRF-Token', session.body.csrfToken as string),
    };
  }

  it('asks every active GP on their channel, counts answers, fills their availability and reminds the others once', async () => {
    expectProblem(await t.http(tenant.coordinator).get('/api/v1/campaigns/latest'), 404);
    const byMail = await createPractitioner(t, tenant.cpts.id, {
      firstName: 'Anne',
      lastName: 'Ambroise',
      email: 'dr.mail@cpts.test',
    });
    const bySms = await createPractitioner(t, tenant.cpts.id, {
      firstName: 'Bleuenn',
      lastName: 'Bihan',
      email: 'dr.sms@cpts.test',
    });
    await createPractitioner(t, tenant.cpts.id, { email: 'dr.gone@cpts.test', active: false });
    await createPractitioner(t, other.cpts.id, { email: 'dr.elsewhere@cpts.test' });
    await t.db.system((manager) =>
      manager.query(
        `UPDATE practitioner SET notify_sms = true, notify_email = false, phone = '+33611223344'
          WHERE id = $1`,
        [bySms],
      ),
    );

    const sent = await t.http(tenant.coordinator).post('/api/v1/campaigns').expect(201);
    // A double click, or a second coordinator at the same time: one campaign, one message each.
    expectProblem(await t.http(tenant.coordinator).post('/api/v1/campaigns'), 409);
    expect(sent.body).toEqual({
      id: expect.any(String),
      sentAt: expect.stringMatching(/\+0[12]:00$/),
      recipients: 2,
    });
    expect(await outbox(tenant.cpts.id, 'practitioner.questionnaire')).toEqual([
      { channel: 'sms', recipient: '+33611223344', template: 'practitioner.questionnaire' },
      { channel: 'email', recipient: 'dr.mail@cpts.test', template: 'practitioner.questionnaire' },
    ]);
    expect(await outbox(other.cpts.id, 'practitioner.questionnaire')).toEqual([]);
    // Nothing is due before CAMPAIGN_REMIND_AFTER.
    const reminders = t.app.get(CampaignReminders);
    await reminders.remindDue();
    expect(await outbox(tenant.cpts.id, 'practitioner.questionnaire_reminder')).toEqual([]);

    // The GP answers from the link of the e-mail.
    const [mail] = await mailsTo(t, 'dr.mail@cpts.test');
    expect(mail.template).toBe('practitioner.questionnaire');
    const gpPhone = await openLink(mail.link!);
    expect(gpPhone.location).toBe('/medecin/questionnaire');
    const blank = await gpPhone.get(`/api/v1/practitioners/${byMail}/questionnaire`).expect(200);
    expect(blank.body).toEqual({
      urgentCare: null,
      patterns: [],
      accepting: false,
      openPlaces: 0,
      campaignId: sent.body.id,
      answeredAt: null,
    });
    const answered = await gpPhone
      .post(`/api/v1/practitioners/${byMail}/questionnaire`)
      .send({
        urgentCare: true,
        patterns: [{ ...PATTERN, mode: 'in_person' }],
        accepting: true,
        openPlaces: 3,
      })
      .expect(200);
    expect(answered.body).toEqual({
      urgentCare: true,
      patterns: [expect.objectContaining({ ...PATTERN, mode: 'in_person' })],
      accepting: true,
      openPlaces: 3,
      campaignId: sent.body.id,
      answeredAt: expect.stringMatching(/\+0[12]:00$/),
    });
    const prefilled = await gpPhone.get(`/api/v1/practitioners/${byMail}/questionnaire`);
    expect(prefilled.body).toEqual(answered.body);

    const latest = await t.http(tenant.coordinator).get('/api/v1/campaigns/latest').expect(200);
    expect(latest.body).toEqual({
      id: sent.body.id,
      sentAt: sent.body.sentAt,
      recipients: 2,
      answered: 1,
      responseRate: 0.5,
      pending: [
        { practitionerId: bySms, firstName: 'Bleuenn', lastName: 'Bihan', remindedAt: null },
      ],
    });
    const practitioner = await t
      .http(tenant.coordinator)
      .get(`/api/v1/practitioners/${byMail}`)
      .expect(200);
    expect(practitioner.body.newPatients).toEqual(
      expect.objectContaining({ accepting: true, openPlaces: 3 }),
    );
    const patternSlots = await t.db.system((manager) =>
      manager.query<Array<{ count: number }>>(
        `SELECT count(*)::int AS count FROM slot WHERE practitioner_id = $1 AND pattern_id IS NOT NULL`,
        [byMail],
      ),
    );
    expect(patternSlots[0].count).toBeGreaterThan(0);

    // The reminder goes, once, to whoever has not answered, when CAMPAIGN_REMIND_AFTER has passed.
    const reminded = await eventually(
      async () => {
        await reminders.remindDue();
        const rows = await outbox(tenant.cpts.id, 'practitioner.questionnaire_reminder');
        return rows.length > 0 && rows;
      },
      { timeoutMs: 15_000, intervalMs: 250 },
    );
    expect(reminded).toEqual([
      {
        channel: 'sms',
        recipient: '+33611223344',
        template: 'practitioner.questionnaire_reminder',
      },
    ]);
    expect(await reminders.remindDue()).toBe(0);
    expect(await outbox(tenant.cpts.id, 'practitioner.questionnaire_reminder')).toHaveLength(1);
    const after = await t.http(tenant.coordinator).get('/api/v1/campaigns/latest').expect(200);
    expect(after.body.pending).toEqual([
      expect.objectContaining({
        practitionerId: bySms,
        remindedAt: expect.stringMatching(/\+0[12]:00$/),
      }),
    ]);
  });

  it('replaces the patterns on a second answer, and keeps to the GP’s own questionnaire', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, { email: 'dr.twice@cpts.test' });
    const stranger = await createPractitioner(t, tenant.cpts.id);
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    const answer = (patterns: object[]) => ({
      urgentCare: false,
      patterns,
      accepting: false,
      openPlaces: 0,
    });
    await t
      .http(token)
      .post(`/api/v1/practitioners/${gp}/questionnaire`)
      .send(answer([{ ...PATTERN, mode: 'in_person' }]))
      .expect(200);
    const second = await t
      .http(token)
      .post(`/api/v1/practitioners/${gp}/questionnaire`)
      .send(answer([{ ...PATTERN, weekday: 4, mode: 'teleconsultation' }]))
      .expect(200);
    expect(second.body.patterns).toEqual([
      expect.objectContaining({ weekday: 4, mode: 'teleconsultation' }),
    ]);
    const patterns = await t.http(token).get(`/api/v1/practitioners/${gp}/patterns`).expect(200);
    expect(patterns.body.items).toHaveLength(1);
    // Not a recipient of the latest campaign: nothing to mark answered.
    expect(second.body.campaignId).toBeNull();

    expectProblem(
      await t
        .http(token)
        .post(`/api/v1/practitioners/${gp}/questionnaire`)
        .send({ ...answer([]), openPlaces: -1 }),
      400,
      'openPlaces',
    );
    expectProblem(
      await t
        .http(token)
        .post(`/api/v1/practitioners/${gp}/questionnaire`)
        .send(answer([{ ...PATTERN, endTime: '25:00', mode: 'in_person' }])),
      400,
    );
    expectProblem(await t.http(token).get(`/api/v1/practitioners/${stranger}/questionnaire`), 403);
    // A refused answer changes nothing.
    const kept = await t.http(token).get(`/api/v1/practitioners/${gp}/questionnaire`).expect(200);
    expect(kept.body.patterns).toEqual([expect.objectContaining({ weekday: 4 })]);
  });
});
