import { randomUUID } from 'node:crypto';

import { freePort } from '../src/common/free-port';
import { UrgentMatcher } from '../src/orientation/urgent/urgent-matcher.service';
import {
  describeInBrowser,
  launchChromium,
  reflowProblemsAt320,
  seriousViolations,
} from './support/browser';
import { requestBody, seedCentres } from './support/orientation-fixtures';
import { createPerson, type SignedIn, signIn } from './support/people';
import { expectProblem } from './support/problem';
import { type PscProvider, startPscProvider } from './support/psc-provider';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, type Tenant, type TestApp } from './support/test-app';

const CLIENT = { clientId: 'cpts-orientation', clientSecret: 'test-secret-of-the-client' };
const REGULATOR_RPPS = '10009876543';

describe('the SAS booking link (/plateforme/sas): who reaches it', () => {
  let psc: PscProvider;
  let t: TestApp;
  let base: string;
  let a: Tenant;
  let b: Tenant;
  let gp: string;
  let otherGp: string;
  let regulator: SignedIn;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    psc = await startPscProvider({ ...CLIENT, redirectUri: `${base}/auth/psc/callback` });
    t = await startTestApp({
      PUBLIC_URL: base,
      RATE_LIMIT_PER_MINUTE: '100000',
      PSC_ISSUER: psc.issuer,
      PSC_CLIENT_ID: CLIENT.clientId,
      PSC_CLIENT_SECRET: CLIENT.clientSecret,
    });
    await t.app.listen(port, '127.0.0.1');
    await seedCentres(t);
    a = await t.tenant('sas-a');
    b = await t.tenant('sas-b');
    gp = await createPractitioner(t, a.cpts.id, { lastName: 'Le Goff', sasPublication: true });
    otherGp = await createPractitioner(t, b.cpts.id, { lastName: 'Tanguy', sasPublication: true });
    regulator = await signIn(
      t,
      await createPerson(t, a.cpts.id, 'regulator', { rpps: '10001112223' }),
    );
  });

  afterAll(async () => {
    await t?.close();
    await psc?.stop();
  });

  const link = (practitioner: string) =>
    `/plateforme/sas?practitioner=${practitioner}&origin=sas-test`;

  it('sends a visitor without a session to Pro Santé Connect, to come back to the same link', async () => {
    const answer = await t.http().get(link(gp)).expect(303);
    expect(answer.headers.location).toBe(`/auth/psc/login?next=${encodeURIComponent(link(gp))}`);
  });

  it('sends an operator of the CPTS, and a regulator of another CPTS, to PSC too', async () => {
    const operator = await signIn(t, await createPerson(t, a.cpts.id, 'operator'));
    await operator.http().get(link(gp)).expect(303);
    await regulator.http().get(link(otherGp)).expect(303);
    const page = await regulator.http().get(link(gp)).expect(200);
    expect(page.text).toContain('Réserver un créneau pour le SAS');
  });

  it('shows a regulator the GP of the link only, and only the requests they filed', async () => {
    await regulator.http().get(`/api/v1/sas/practitioners/${otherGp}/slots`).expect(404);
    await regulator.http().get('/api/v1/requests').expect(403);
    await regulator.http().get('/api/v1/availability').expect(403);
    const filed = await t
      .http(a.platform)
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(requestBody('urgent'))
      .expect(201);
    await regulator.http().get(`/api/v1/requests/${filed.body.id}`).expect(404);
    await regulator.http().post(`/api/v1/requests/${filed.body.id}/release`).expect(404);
  });

  it('makes a regulator book with propose and the GP of the link', async () => {
    const auto = await regulator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(requestBody('urgent'));
    expectProblem(auto, 400, 'booking');
    const operator = await signIn(t, await createPerson(t, a.cpts.id, 'operator'));
    const origin = await operator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(requestBody('urgent', {}, { origin: 'sas-test' }));
    expectProblem(origin, 400, 'origin');
  });

  it('books only with a GP who offers urgent slots to the SAS', async () => {
    const withheld = await createPractitioner(t, a.cpts.id, { lastName: 'Guillou' });
    await createSlot(t, a.cpts.id, withheld, 180);
    await regulator.http().get(link(withheld)).expect(303);
    await regulator.http().get(`/api/v1/sas/practitioners/${withheld}/slots`).expect(404);
    const refused = await regulator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(requestBody('urgent', {}, { booking: 'propose', practitionerId: withheld }));
    expectProblem(refused, 400, 'practitionerId');
    const filed = await t.db.system((manager) =>
      manager.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM orientation_request WHERE sas_regulator_person_id IS NOT NULL
            AND id IN (SELECT request_id FROM slot_hold)`,
      ),
    );
    expect(filed[0].n).toBe(0);
  });

  it('never lets automatic matching book a regulator’s request with another GP', async () => {
    const shown = await createPractitioner(t, a.cpts.id, {
      lastName: 'Kerjean',
      sasPublication: true,
    });
    const chosen = await createSlot(t, a.cpts.id, shown, 600);
    const elsewhere = await createPractitioner(t, a.cpts.id, { lastName: 'Le Floch' });
    await createSlot(t, a.cpts.id, elsewhere, 200);
    const filed = await regulator
      .http()
      .post('/api/v1/requests')
      .set('Idempotency-Key', randomUUID())
      .send(
        requestBody('urgent', {}, { booking: 'propose', practitionerId: shown, slotId: chosen }),
      )
      .expect(201);
    expect(filed.body.status).toBe('held');
    const released = await regulator
      .http()
      .post(`/api/v1/requests/${filed.body.id}/release`)
      .expect(200);
    expect(released.body.status).toBe('pending');
    const outcome = await t.app.get(UrgentMatcher).match(a.cpts.id, filed.body.id, 'test');
    expect(outcome).toBe('skipped');
    const view = await regulator.http().get(`/api/v1/requests/${filed.body.id}`).expect(200);
    expect(view.body.status).toBe('pending');
  });

  describeInBrowser('in a browser', () => {
    it('from the link without a session: PSC, back, the GP’s slots, booked by the regulator', async () => {
      const slot = await createSlot(t, a.cpts.id, gp, 240);
      await createSlot(t, a.cpts.id, gp, 300);
      const browser = await launchChromium({ viewport: { width: 1366, height: 768 } });
      try {
        const { page } = browser;
        await page.goto(`${base}${link(gp)}`);
        await page.getByLabel('Identifiant').fill(REGULATOR_RPPS);
        await page.getByRole('button', { name: 'Se connecter' }).click();
        await page.waitForURL(`${base}${link(gp)}`);
        await page.getByText('Dr Anne Le Goff').waitFor();
        expect(await page.getByRole('radio').count()).toBe(2);
        expect(await seriousViolations(page)).toEqual([]);
        expect(await reflowProblemsAt320(page)).toEqual([]);
        await page.getByLabel('Prénom').focus();
        await page.keyboard.type('Maëlle');
        await page.keyboard.press('Tab');
        await page.keyboard.type('Le Bris');
        await page.keyboard.press('Tab');
        await page.keyboard.type('02/03/1984');
        await page.keyboard.press('Tab');
        await page.keyboard.type('06 11 22 33 44');
        await page.keyboard.press('Tab');
        await page.keyboard.type('56007');
        await page.keyboard.press('Enter');
        await page
          .getByRole('heading', { name: 'Rendez-vous réservé' })
          .waitFor({ timeout: 10_000 })
          .catch(async (error: Error) => {
            const said = await page.locator('#form-errors, #notice').allInnerTexts();
            throw new Error(`${error.message}\n${said.join('\n')}`);
          });
        expect(await seriousViolations(page)).toEqual([]);
        const [booked] = await t.db.system((manager) =>
          manager.query<Array<Record<string, string>>>(
            `SELECT r.sas_regulator_national_id AS "nationalId", r.sas_origin AS origin,
                    p.role, p.rpps, a.slot_id AS "slotId"
               FROM orientation_request r
               JOIN person p ON p.id = r.sas_regulator_person_id
               JOIN appointment a ON a.request_id = r.id AND a.status = 'booked'
              WHERE r.patient_last_name = 'Le Bris'`,
          ),
        );
        expect(booked).toEqual({
          nationalId: `8${REGULATOR_RPPS}`,
          origin: 'sas-test',
          role: 'regulator',
          rpps: REGULATOR_RPPS,
          slotId: slot,
        });
      } finally {
        await browser.close();
      }
    });
  });
});
