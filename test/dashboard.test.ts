import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const CHROMIUM = '/usr/bin/chromium';
const XSS = '<img src=x onerror=alert(1)>';

const hasChromium = existsSync(CHROMIUM);
const describeInBrowser = hasChromium ? describe : describe.skip;
const title = hasChromium
  ? 'dashboard in headless Chromium'
  : `dashboard in headless Chromium (skipped: ${CHROMIUM} is absent; apt-get install -y chromium)`;

describeInBrowser(title, () => {
  let t: TestApp;
  let tenant: Tenant;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let base: string;
  const dialogs: string[] = [];

  beforeAll(async () => {
    // A request is at risk one second after filing, so the page has something to act on.
    t = await startTestApp({
      ORIENTATION_DEADLINE: '1h',
      ESCALATE_BEFORE: '3599s',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer() as Server;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    tenant = await t.tenant();
    await seedCentres(t);
    profile = mkdtempSync(join(tmpdir(), 'dashboard-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      locale: 'fr-FR',
      timezoneId: 'Europe/Paris',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await t?.close();
  });

  it('logs in, assigns an at-risk request to a slot, and both leave their lists', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Kerbiriou' });
    const slot = await createSlot(t, tenant.cpts.id, gp, 90, 'in_person');
    // Home visits only: the in-person slot does not match, so the requests wait, at risk.
    const fever = await fileRequest(
      t,
      tenant.platform,
      requestBody(
        'urgent',
        { firstName: 'Maïwenn' },
        { reason: 'fièvre et toux', acceptedModes: ['home_visit'] },
      ),
    ).expect(201);
    const hostile = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { firstName: 'Erwan' }, { reason: XSS, acceptedModes: ['home_visit'] }),
    ).expect(201);
    expect([fever.body.status, hostile.body.status]).toEqual(['pending', 'pending']);
    await new Promise((done) => setTimeout(done, 1100));

    await page.goto(`${base}/dashboard`);
    expect(page.url()).not.toContain(tenant.coordinator);
    await page.getByLabel("Jeton d'accès coordinateur").fill(tenant.coordinator);
    await page.getByRole('button', { name: 'Se connecter' }).click();

    const feverRow = page.locator(`#at_risk-${fever.body.id as string}`);
    await feverRow.waitFor();
    expect(await feverRow.textContent()).toContain('fièvre et toux');
    expect(await feverRow.locator('[data-deadline]').textContent()).toMatch(/^\d+ min$/);
    const slotItem = page.locator(`#live [data-slot-id="${slot}"]`);
    await slotItem.waitFor();
    expect(await page.evaluate<number>('sessionStorage.length')).toBe(1);
    expect(page.url()).toBe(`${base}/dashboard`);

    // A slot published now reaches the table through the event stream, without a reload.
    await page.getByText('Mise à jour en direct.').waitFor();
    const published = await t
      .http(tenant.coordinator)
      .post(`/api/v1/practitioners/${gp}/slots`)
      .send({ startsAt: inMinutes(180), endsAt: inMinutes(200), mode: 'in_person' })
      .expect(201);
    await page.locator(`#live [data-slot-id="${published.body.id as string}"]`).waitFor();

    if (process.env.DASHBOARD_SCREENSHOT) {
      await page.screenshot({ path: resolve(__dirname, '../docs/dashboard.png'), fullPage: true });
    }

    await feverRow.getByRole('button', { name: 'Orienter' }).click();
    const panel = page.locator(`#actions-at_risk-${fever.body.id as string}`);
    await panel.getByLabel('Note pour l’historique (obligatoire)').fill('Accord du Dr Kerbiriou');
    await panel.getByLabel('Créneau').selectOption(slot);
    await panel.getByRole('button', { name: 'Affecter au créneau' }).click();

    await feverRow.waitFor({ state: 'detached' });
    await slotItem.waitFor({ state: 'detached' });
    expect(await page.locator('#notice').textContent()).toContain(fever.body.reference);
    const booked = await t
      .http(tenant.coordinator)
      .get(`/api/v1/requests/${fever.body.id as string}`)
      .expect(200);
    expect(booked.body).toMatchObject({ status: 'booked', appointment: { slotId: slot } });
  });

  it('shows a hostile reason as inert text, in the list and in the audit trail', async () => {
    const row = page.locator('#at-risk tr', { hasText: XSS });
    await row.waitFor();
    expect(await row.locator('.reason').textContent()).toBe(XSS);
    expect(await page.locator('#main img').count()).toBe(0);

    await row.getByRole('button', { name: 'Historique' }).click();
    const history = page.locator('#history');
    await history.getByText('Demande déposée').waitFor();
    expect(await history.locator('.reason').textContent()).toBe(XSS);
    expect(await page.locator('#main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
