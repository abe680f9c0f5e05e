import { freePort } from '../src/common/free-port';
import {
  describeInBrowser,
  launchChromium,
  seriousViolations,
  type Browser,
} from './support/browser';
import { mailsTo } from './support/mailbox';
import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

describeInBrowser('the GP space, opened from the link in a message, on a phone', () => {
  let t: TestApp;
  let tenant: Tenant;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '100000' });
    await t.app.listen(port, '127.0.0.1');
    tenant = await t.tenant();
    await seedCentres(t);
    browser = await launchChromium(PHONE);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('answers an offer in one tap from the e-mail’s link', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, {
      email: 'dr.phone@cpts.test',
      accepting: true,
      openPlaces: 1,
      latitude: 47.668,
      longitude: -2.982,
    });
    await createSlot(t, tenant.cpts.id, gp, 180);
    const referral = await fileRequest(
      t,
      tenant.platform,
      requestBody('referring_physician', { firstName: 'Maëlle' }, { priorityFlags: ['ald'] }),
    );
    expect(referral.body.status).toBe('offered');
    const mail = (await mailsTo(t, 'dr.phone@cpts.test')).find(
      (sent) => sent.template === 'practitioner.offered',
    );

    const { page } = browser;
    await page.goto(mail!.link!);
    await page.waitForURL(`${base}/medecin`);
    await page.getByText('Maëlle T., 46 ans, Auray').waitFor();
    await page.getByText('Prioritaire : ALD').waitFor();
    await page.getByText(/^Vos disponibilités (ont été mises à jour|n’ont jamais)/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('button', { name: 'J’accepte Maëlle T., 46 ans, Auray comme patient' })
      .click();
    await page.getByText('Maëlle T. est votre patient(e).').waitFor();
    await page.getByText('Aucune demande en attente de votre réponse.').waitFor();
    expect(await requestStatus(t, referral.body.id as string)).toBe('assigned');
  });

  it('sends someone who is not signed in to the sign-in page, coming back here', async () => {
    const fresh = await launchChromium(PHONE);
    try {
      await fresh.page.goto(`${base}/medecin`);
      await fresh.page.waitForURL(`${base}/connexion?next=%2Fmedecin`);
      await fresh.page.getByLabel('Votre adresse e-mail professionnelle').waitFor();
      expect(await seriousViolations(fresh.page)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
