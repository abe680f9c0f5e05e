import { resolve } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { LinkSigner } from '../src/auth/link-signer.service';
import { freePort } from '../src/common/free-port';
import { CptsService } from '../src/cpts/cpts.service';
import { queryRows } from '../src/database/sql';
import type { Person } from '../src/people/person.entity';
import {
  type Browser,
  describeInBrowser,
  launchChromium,
  reflowProblemsAt320,
  seriousViolations,
} from './support/browser';
import { fileRequest, requestBody, seedCentres } from './support/orientation-fixtures';
import { createPerson, linkToken } from './support/people';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const XSS = '<img src=x onerror=alert(1)>';
const CPTS_NAME = "CPTS du Pays d'Auray";
const COORDINATOR = 'Mme Anne Le Goff';

describeInBrowser('dashboard in headless Chromium', () => {
  let t: TestApp;
  let tenant: Tenant;
  let coordinator: Person;
  let context: BrowserContext;
  let page: Page;
  let browser: Browser;
  let base: string;
  let fever: { id: string; reference: string };
  const dialogs: string[] = [];
  const linksSeen = new Set<string>();

  /** The link of the newest sign-in e-mail to this address, as the e-mail carries it. */
  async function signInLinkFromOutbox(email: string): Promise<string> {
    const params = await eventually(async () => {
      const rows = await queryRows<{ params: Record<string, unknown> }>(
        t.db.manager,
        `SELECT params FROM notification
          WHERE template = 'person.sign_in_link' AND channel = 'email' AND recipient = $1
          ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      const id = rows[0]?.params.signInLinkId;
      return typeof id === 'string' && !linksSeen.has(id) ? rows[0].params : undefined;
    });
    linksSeen.add(params.signInLinkId as string);
    const { link } = await t.app.get(LinkSigner).withLink(params);
    return link as string;
  }

  /** From the sign-in page the dashboard sent us to: the e-mail form, then the e-mailed link. */
  async function signInByEmail(email: string): Promise<void> {
    await page.waitForURL((url) => url.pathname === '/connexion');
    await page.getByLabel('Votre adresse e-mail professionnelle').fill(email);
    await page.getByRole('button', { name: 'Recevoir un lien de connexion' }).click();
    await page.getByRole('heading', { name: 'Vérifiez votre messagerie' }).waitFor();
    await page.goto(await signInLinkFromOutbox(email));
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.locator('#who', { hasText: CPTS_NAME }).waitFor();
  }

  beforeAll(async () => {
    // The CSRF check compares Origin with PUBLIC_URL's: the browser must use that very address.
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    // A request is at risk one second after filing, so the page has something to act on.
    t = await startTestApp({
      ORIENTATION_DEADLINE: '1h',
      ESCALATE_BEFORE: '3599s',
      RATE_LIMIT_PER_MINUTE: '100000',
      PUBLIC_URL: base,
    });
    await t.app.listen(port, '127.0.0.1');
    const cpts = await t.app.get(CptsService).create('pays-auray', CPTS_NAME);
    tenant = {
      cpts,
      coordinator: await t.token(cpts.id, 'coordinator'),
      platform: await t.token(cpts.id, 'platform'),
    };
    coordinator = await createPerson(t, cpts.id, 'coordinator', {
      displayName: COORDINATOR,
      email: 'anne.legoff@cpts-auray.test',
    });
    await seedCentres(t);
    browser = await launchChromium();
    ({ context, page } = browser);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a signed-out visit to the sign-in page, which has no serious accessibility issue', async () => {
    await page.goto(`${base}/dashboard`);
    await page.waitForURL((url) => url.pathname === '/connexion');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/dashboard');
    await page.getByLabel('Votre adresse e-mail professionnelle').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs in by e-mail, assigns an at-risk request to a slot, and both leave their lists', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, { lastName: 'Kerbiriou' });
    const slot = await createSlot(t, tenant.cpts.id, gp, 90, { mode: 'in_person' });
    // Home visits only: the in-person slot does not match, so the requests wait, at risk.
    const filed = await fileRequest(
      t,
      tenant.platform,
      requestBody(
        'urgent',
        { firstName: 'Maïwenn' },
        { reason: 'fièvre et toux', acceptedModes: ['home_visit'] },
      ),
    ).expect(201);
    fever = filed.body as { id: string; reference: string };
    const hostile = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { firstName: 'Erwan' }, { reason: XSS, acceptedModes: ['home_visit'] }),
    ).expect(201);
    expect([filed.body.status, hostile.body.status]).toEqual(['pending', 'pending']);
    await new Promise((done) => setTimeout(done, 1100));

    // The sign-in page of the first test is still open: sign in from there.
    await signInByEmail(coordinator.email);
    expect(await page.locator('#who').textContent()).toBe(`${COORDINATOR} — ${CPTS_NAME}`);

    const feverRow = page.locator(`#at_risk-${fever.id}`);
    await feverRow.waitFor();
    expect(await feverRow.textContent()).toContain('fièvre et toux');
    expect(await feverRow.locator('[data-deadline]').textContent()).toMatch(/^\d+ min$/);
    const slotItem = page.locator(`#live [data-slot-id="${slot}"]`);
    await slotItem.waitFor();
    expect(page.url()).toBe(`${base}/dashboard`);
    // Nothing of the session is within the page's reach but its CSRF token, in memory.
    expect(await page.evaluate<number>('sessionStorage.length + localStorage.length')).toBe(0);
    expect(await page.evaluate<string>('document.cookie')).toBe('');
    const cookies = await context.cookies(base);
    expect(cookies).toEqual([
      expect.objectContaining({ name: 'cpts_session', httpOnly: true, sameSite: 'Lax' }),
    ]);

    // A slot published now reaches the table through the event stream, without a reload.
    await page.getByText('Mise à jour en direct.').waitFor();
    const published = await t
      .http(tenant.coordinator)
      .post(`/api/v1/practitioners/${gp}/slots`)
      .send({ startsAt: inMinutes(180), endsAt: inMinutes(200), mode: 'in_person' })
      .expect(201);
    await page.locator(`#live [data-slot-id="${published.body.id as string}"]`).waitFor();
    await page.locator('#indicators .figures').waitFor();
    expect(await page.locator('#notice').textContent()).toBe('');

    expect(await seriousViolations(page)).toEqual([]);
    expect(await reflowProblemsAt320(page)).toEqual([]);
    if (process.env.DASHBOARD_SCREENSHOT) {
      await page.screenshot({ path: resolve(__dirname, '../docs/dashboard.png'), fullPage: true });
    }

    await feverRow.getByRole('button', { name: 'Orienter' }).click();
    const panel = page.locator(`#actions-at_risk-${fever.id}`);
    await panel.getByLabel('Note pour l’historique (obligatoire)').fill('Accord du Dr Kerbiriou');
    await panel.getByLabel('Créneau').selectOption(slot);
    expect(await seriousViolations(page)).toEqual([]);
    await panel.getByRole('button', { name: 'Affecter au créneau' }).click();

    await feverRow.waitFor({ state: 'detached' });
    await slotItem.waitFor({ state: 'detached' });
    expect(await page.locator('#notice').textContent()).toContain(fever.reference);
    const booked = await t.http(tenant.coordinator).get(`/api/v1/requests/${fever.id}`).expect(200);
    expect(booked.body).toMatchObject({ status: 'booked', appointment: { slotId: slot } });
  });

  it('names who acted in the audit trail: the signed-in coordinator, the platform software', async () => {
    await page.goto(`${base}/dashboard#request-${fever.id}`);
    const history = page.locator('#history');
    await history.getByText(fever.reference).waitFor();
    const booked = history.locator('li', { hasText: 'Rendez-vous fixé' });
    expect(await booked.locator('.actor').textContent()).toBe(`par ${COORDINATOR} (coordination)`);
    expect(await booked.textContent()).toContain('Accord du Dr Kerbiriou');
    const created = history.locator('li', { hasText: 'Demande déposée' });
    expect(await created.locator('.actor').textContent()).toBe('par test platform (logiciel)');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a hostile reason as inert text, in the list and in the audit trail', async () => {
    const row = page.locator('#at-risk tr', { hasText: XSS });
    await row.waitFor();
    expect(await row.locator('.reason').textContent()).toBe(XSS);
    expect(await page.locator('#main img').count()).toBe(0);

    await row.getByRole('button', { name: 'Historique' }).click();
    const history = page.locator('#history');
    await history.locator('.reason', { hasText: XSS }).waitFor();
    expect(await history.locator('.reason').textContent()).toBe(XSS);
    expect(await page.locator('#main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('sends the questionnaire MT/SNP and shows who has answered, and who not', async () => {
    const gp = await createPractitioner(t, tenant.cpts.id, {
      firstName: 'Soizic',
      lastName: 'Le Floch',
      email: 'soizic.lefloch@cpts.test',
    });
    const panel = page.getByRole('region', { name: 'Questionnaire MT/SNP' });
    await panel.getByText('Aucun questionnaire envoyé pour le moment.').waitFor();
    await panel.getByRole('button', { name: 'Envoyer le questionnaire' }).click();
    await page.getByText(/^Questionnaire envoyé à \d+ médecins?\.$/).waitFor();
    await panel.locator('#campaign-rate', { hasText: '0 réponse (0,0 %)' }).waitFor();
    await panel.getByRole('listitem').filter({ hasText: 'Dr Soizic Le Floch' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    await t
      .http(token)
      .post(`/api/v1/practitioners/${gp}/questionnaire`)
      .send({ urgentCare: false, patterns: [], accepting: true, openPlaces: 2 })
      .expect(200);
    await page.reload();
    await panel.locator('#campaign-rate', { hasText: /^1 réponse \(/ }).waitFor();
    expect(await panel.getByText('Dr Soizic Le Floch').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('records the CPTS FINESS and phone the SAS platform needs', async () => {
    const panel = page.getByRole('region', { name: 'Plateforme SAS' });
    await panel
      .getByText('Aucun FINESS : les créneaux de la CPTS ne sont pas transmis au SAS.')
      .waitFor();
    await panel.getByLabel('Numéro FINESS de la CPTS (9 chiffres)').fill('560099991');
    await panel.getByLabel('Téléphone de la CPTS').fill('02 97 00 00 01');
    await panel.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Plateforme SAS : c’est enregistré.').waitFor();
    await panel.getByText(/^FINESS 560099991 : les créneaux/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const territory = await t.http(tenant.platform).get('/api/v1/territory').expect(200);
    expect(territory.body).toMatchObject({
      name: CPTS_NAME,
      finess: '560099991',
      phone: '+33297000001',
    });
    expect(dialogs).toEqual([]);
  });

  it('adds and removes a redirect target that operators will then be offered', async () => {
    const panel = page.getByRole('region', { name: 'Lieux de réorientation' });
    await panel.getByText('Aucun lieu pour le moment.').waitFor();
    await panel.getByLabel('Nom').fill('Maison médicale de garde de Vannes');
    await panel.getByLabel('Type').selectOption('mmg');
    await panel.getByLabel('Téléphone (facultatif)').fill('02 97 00 00 15');
    for (const day of ['samedi', 'dimanche']) await panel.getByLabel(day).check();
    await panel.getByLabel('Ouvre à').fill('12:00');
    await panel.getByRole('button', { name: 'Ajouter le lieu' }).click();
    await page
      .getByText('Maison médicale de garde de Vannes ajouté aux lieux de réorientation.')
      .waitFor();
    await panel.getByText(/samedi 12:00–24:00 ; dimanche 12:00–24:00$/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const listed = await t.http(tenant.platform).get('/api/v1/redirect-targets').expect(200);
    expect(listed.body.items).toMatchObject([
      {
        name: 'Maison médicale de garde de Vannes',
        kind: 'mmg',
        phone: '+33297000015',
        hours: [
          { weekday: 6, opens: '12:00', closes: '24:00' },
          { weekday: 7, opens: '12:00', closes: '24:00' },
        ],
      },
    ]);
    await panel.getByRole('button', { name: 'Retirer Maison médicale de garde de Vannes' }).click();
    await panel.getByText('Aucun lieu pour le moment.').waitFor();
    const after = await t.http(tenant.platform).get('/api/v1/redirect-targets').expect(200);
    expect(after.body.items).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  it('records a GP’s consent given to the coordination, and opens the publication to aggregators', async () => {
    const panel = page.getByRole('region', { name: 'Plateforme SAS' });
    await panel
      .getByText(/^0 médecin sur \d+ accepte que ses créneaux urgents soient publiés/)
      .waitFor();
    await panel.getByLabel('Dr Anne Kerbiriou, Auray').check();
    await page.getByText('Les créneaux urgents du Dr Anne Kerbiriou sont publiés.').waitFor();
    await panel.getByText(/^1 médecin sur \d+ accepte/).waitFor();
    await panel.getByLabel(/Publier aussi en données ouvertes/).check();
    await panel.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Plateforme SAS : c’est enregistré.').waitFor();
    await panel.getByText(`${base}/api/v1/smart/pays-auray/$bulk-publish`).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    const territory = await t.http(tenant.coordinator).get('/api/v1/territory').expect(200);
    expect(territory.body).toMatchObject({ smartPublication: true });
    const locations = await request(base)
      .get('/api/v1/smart/pays-auray/locations.ndjson')
      .expect(200);
    expect(locations.text).toContain('Cabinet du Dr Kerbiriou, Auray');
    expect(dialogs).toEqual([]);
  });

  it('keeps the live table of a large CPTS to one screen, summed up, searchable and live', async () => {
    // Forty more GPs in Quiberon and Pluvigner, a free slot each; one more in Quiberon and one in
    // Carnac, with none.
    for (let index = 0; index < 40; index += 1) {
      const gp = await createPractitioner(t, tenant.cpts.id, {
        lastName: index === 0 ? 'Kergoat' : `Morvan ${index}`,
        communeCode: index % 2 === 0 ? '56186' : '56177',
      });
      await createSlot(t, tenant.cpts.id, gp, 240 + index * 20, { mode: 'in_person' });
    }
    await createPractitioner(t, tenant.cpts.id, { lastName: 'Le Moing', communeCode: '56186' });
    const carnac = await createPractitioner(t, tenant.cpts.id, {
      firstName: 'Katell',
      lastName: 'Rousseau',
      communeCode: '56034',
    });
    await page.goto(`${base}/dashboard`);
    const live = page.locator('#live');
    await live.locator('tr', { hasText: 'Kergoat' }).waitFor();
    await page.getByText('Mise à jour en direct.').waitFor();

    // However many GPs, the table scrolls within a panel no taller than the window.
    const viewport = page.viewportSize()!;
    const panel = (await page.locator('#live-section').boundingBox())!;
    expect(panel.height).toBeLessThanOrEqual(viewport.height);
    const liveBox = "document.getElementById('live')";
    expect(await page.evaluate<boolean>(`${liveBox}.scrollHeight > ${liveBox}.clientHeight`)).toBe(
      true,
    );
    // It takes the focus after the search, so that the keyboard scrolls it.
    await page.getByLabel('Seulement les médecins disponibles').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.id')).toBe('live');
    await page.keyboard.press('End');
    await eventually(async () =>
      (await page.evaluate<number>(`${liveBox}.scrollTop`)) > 0 ? true : undefined,
    );

    // At a glance: the territory's free slots, and the communes that have none.
    const summary = page.locator('#live-summary');
    const before = (await summary.textContent())!;
    expect(before).toMatch(/^\d+ créneaux libres chez \d+ médecins · .*aucun créneau à .*Carnac/);
    const slotsBefore = Number(/^\d+/.exec(before)![0]);
    await t
      .http(tenant.coordinator)
      .post(`/api/v1/practitioners/${carnac}/slots`)
      .send({ startsAt: inMinutes(300), endsAt: inMinutes(320), mode: 'in_person' })
      .expect(201);
    await summary.getByText(new RegExp(`^${slotsBefore + 1} créneaux libres`)).waitFor();
    expect(await summary.textContent()).not.toContain('Carnac');

    // A search keeps the practitioners whose commune or name holds its words.
    const search = page.getByLabel('Commune ou médecin');
    await search.fill('kergoat');
    await eventually(async () =>
      (await live.locator('tbody tr').count()) === 1 ? true : undefined,
    );
    expect(await live.locator('caption').allTextContents()).toEqual(['Quiberon — 1 créneau libre']);
    await search.fill('PLUVIGNER');
    await eventually(async () =>
      (await live.locator('caption').allTextContents()).join() === 'Pluvigner — 20 créneaux libres'
        ? true
        : undefined,
    );
    await search.fill('vannes');
    await live.getByText('Aucun médecin ne correspond.').waitFor();
    // Only the available: a GP with neither a free slot nor new-patient places leaves the table.
    await search.fill('');
    await live.locator('tr', { hasText: 'Le Moing' }).waitFor();
    await page.getByLabel('Seulement les médecins disponibles').check();
    await live.locator('tr', { hasText: 'Le Moing' }).waitFor({ state: 'detached' });
    expect(await live.locator('tr', { hasText: 'Rousseau' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs out with "Se déconnecter": the session ends on the server', async () => {
    const [session] = await context.cookies(base);
    const cookie = `${session.name}=${session.value}`;
    const server = t.app.getHttpServer() as Parameters<typeof request>[0];
    await request(server).get('/api/v1/session').set('Cookie', cookie).expect(200);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL((url) => url.pathname === '/connexion');
    await request(server).get('/api/v1/session').set('Cookie', cookie).expect(401);
    expect(await context.cookies(base)).toEqual([]);
  });

  it('keeps a request link of an e-mail through signing in', async () => {
    await page.goto(`${base}/dashboard#request-${fever.id}`);
    await page.waitForURL((url) => url.pathname === '/connexion');
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/dashboard#request-${fever.id}`);
    await signInByEmail(coordinator.email);
    await page.locator('#history').getByText(fever.reference).waitFor();
    expect(new URL(page.url()).hash).toBe(`#request-${fever.id}`);
    expect(await page.evaluate<number>('localStorage.length')).toBe(0);
  });

  it('shows an operator what their role reads, without the coordination’s actions or indicators', async () => {
    await context.clearCookies();
    const operator = await createPerson(t, tenant.cpts.id, 'operator', {
      displayName: 'M. Yann Guégan',
    });
    await page.goto(`${base}/auth/link/${await linkToken(t, operator, 'email', '/dashboard')}`);
    await page.waitForURL((url) => url.pathname === '/dashboard');
    await page.locator('#who', { hasText: 'M. Yann Guégan' }).waitFor();
    const row = page.locator('#at-risk tr', { hasText: XSS });
    await row.waitFor();
    await page.getByText('Mise à jour en direct.').waitFor();
    expect(await row.getByRole('button', { name: 'Historique' }).count()).toBe(1);
    expect(await row.getByRole('button', { name: 'Orienter' }).count()).toBe(0);
    expect(await page.locator('#indicators-section').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Indicateurs' }).count()).toBe(0);
    expect(await page.locator('#campaign-section').isVisible()).toBe(false);
    expect(await page.locator('#notice').textContent()).toBe('');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
