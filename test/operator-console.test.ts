import type { Page } from 'playwright-core';

import type { Person } from '../src/people/person.entity';
import {
  type Browser,
  describeInBrowser,
  launchChromium,
  reflowProblemsAt320,
  seriousViolations,
} from './support/browser';
import { seedCentres } from './support/orientation-fixtures';
import { createPerson, linkToken, practitionerPerson, signIn } from './support/people';
import { createPractitioner, createSlot } from './support/slot-fixtures';
import { eventually, startListeningApp, type Tenant, type TestApp } from './support/test-app';

const DESKTOP = { viewport: { width: 1366, height: 768 } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Patient {
  firstName: string;
  lastName: string;
  birthDate: string;
  phone: string;
}

/** The id of the element that has the focus. */
const focused = (page: Page) => page.evaluate<string>('document.activeElement?.id ?? ""');

/** Presses Tab (or another key) until the focus is on `selector`: the keyboard alone gets there. */
async function tabTo(page: Page, selector: string, key = 'Tab'): Promise<void> {
  const there = `document.activeElement?.matches(${JSON.stringify(selector)}) ?? false`;
  for (let presses = 0; presses < 80; presses++) {
    if (await page.evaluate<boolean>(there)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${selector} is not reached with ${key}`);
}

/** Types the patient into the call form from the first name on, and picks the commune. */
async function typePatient(page: Page, patient: Patient): Promise<void> {
  await page.keyboard.press('Alt+N');
  expect(await focused(page)).toBe('first-name');
  await page.keyboard.type(patient.firstName);
  await page.keyboard.press('Tab');
  await page.keyboard.type(patient.lastName);
  await page.keyboard.press('Tab');
  await page.keyboard.type(patient.birthDate);
  await page.keyboard.press('Tab');
  await page.keyboard.type(patient.phone);
  await page.keyboard.press('Tab');
  expect(await focused(page)).toBe('commune');
  await page.keyboard.type('Auray');
  await page.getByRole('option', { name: 'Auray (56400)', exact: true }).waitFor();
  await page.keyboard.press('Enter');
  expect(await page.inputValue('#commune')).toBe('Auray (56400)');
}

describeInBrowser('the operator console (/plateforme), at a desk, with the keyboard only', () => {
  let t: TestApp;
  let tenant: Tenant;
  let base: string;
  let browser: Browser;
  let page: Page;
  let operator: Person;
  const slots: Record<string, string> = {};

  beforeAll(async () => {
    ({ t, base } = await startListeningApp());
    tenant = await t.tenant();
    await seedCentres(t);
    await t
      .http(tenant.coordinator)
      .put('/api/v1/territory')
      .send({ name: 'CPTS du test', communeCodes: ['56007', '56186', '56034', '56177'] })
      .expect(200);
    const near = { latitude: 47.668, longitude: -2.982, communeCode: '56007' };
    for (const [firstName, lastName, minutes] of [
      ['Anne', 'Le Goff', 180],
      ['Yann', 'Tanguy', 240],
      ['Soizic', 'Le Floch', 300],
    ] as const) {
      const gp = await createPractitioner(t, tenant.cpts.id, {
        ...near,
        firstName,
        lastName,
        rpps: String(10000000000 + minutes),
        email: `${lastName.replace(' ', '').toLowerCase()}@cpts.test`,
      });
      slots[lastName] = await createSlot(t, tenant.cpts.id, gp, minutes);
      await createSlot(t, tenant.cpts.id, gp, minutes + 60);
    }
    operator = await createPerson(t, tenant.cpts.id, 'operator', {
      displayName: 'Mme Opératrice Console',
    });
    browser = await launchChromium(DESKTOP);
    page = browser.page;
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: base,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const requestOf = async (id: string) =>
    (await t.http(tenant.platform).get(`/api/v1/requests/${id}`).expect(200)).body as {
      status: string;
      reference: string;
      appointment?: { slotId: string };
      history: Array<{ type: string; detail: Record<string, unknown> }>;
    };

  /** The request the page files next, as `POST /requests` answered it, and its key. */
  function nextFiled() {
    return page
      .waitForResponse(
        (response) =>
          response.request().method() === 'POST' &&
          new URL(response.url()).pathname === '/api/v1/requests',
      )
      .then(async (response) => ({
        key: response.request().headers()['idempotency-key'],
        body: (await response.json()) as { id: string; status: string; reference: string },
      }));
  }

  it('lands an operator on the console after the sign-in link, the first name focused', async () => {
    await page.goto(`${base}/auth/link/${await linkToken(t, operator)}`);
    await page.waitForURL(`${base}/plateforme`);
    await page.locator('#who', { hasText: 'Mme Opératrice Console' }).waitFor();
    await page.getByRole('heading', { name: 'Nouvel appel' }).waitFor();
    await page.getByText('Alt+N').first().waitFor();
    await page.waitForFunction('document.activeElement?.id === "first-name"');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('takes a whole call: proposal, another slot, confirmation, the text to read back, the SMS', async () => {
    await typePatient(page, {
      firstName: 'Maëlle',
      lastName: 'Le Bris',
      birthDate: '14/03/1958',
      phone: '06 12 34 56 78',
    });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('gp');
    await page.keyboard.type('goff');
    await page.getByRole('option', { name: /^Dr Anne Le Goff/ }).waitFor();
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#gp')).toBe('Dr Anne Le Goff');
    await tabTo(page, 'input[name="kind"]');
    expect(await page.evaluate<string>('document.activeElement.value')).toBe('urgent');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('reason-category');
    await page.keyboard.type('Fi');
    expect(await page.inputValue('#reason-category')).toBe('Fièvre');
    await page.keyboard.press('Tab');
    await page.keyboard.type('depuis deux jours');
    await page.getByText('174 caractères restants').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const filed = nextFiled();
    await page.keyboard.press('Enter');
    const { key, body } = await filed;
    expect(key).toMatch(UUID);
    expect(body.status).toBe('held');
    const proposal = page.locator('#proposal');
    await proposal.getByText('Dr Anne Le Goff').waitFor();
    await proposal.getByText(/^Créneau retenu encore \d+ min \d{2} s$/).waitFor();
    await proposal.getByText('1 rue de la Gare, Auray').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await reflowProblemsAt320(page)).toEqual([]);

    await tabTo(page, '#other-slot');
    await page.keyboard.press('Enter');
    expect(await page.evaluate<string>('document.activeElement.name')).toBe('alternative');
    await page.keyboard.press('ArrowDown');
    const chosen = await page.evaluate<string>('document.activeElement.value');
    const chosenLabel = page.locator('#alternatives label', { has: page.locator(':focus') });
    const doctor = /Dr (Anne Le Goff|Yann Tanguy|Soizic Le Floch)/.exec(
      (await chosenLabel.textContent()) ?? '',
    )![0];
    await tabTo(page, '#alternatives button');
    await page.keyboard.press('Enter');

    const readback = page.locator('#readback');
    await readback
      .getByText('Vous allez recevoir un SMS de confirmation au 06 12 34 56 78.')
      .waitFor();
    await readback.getByText(`Votre référence : ${body.reference}.`).waitFor();
    await readback.getByText(new RegExp(`avec le ${doctor}\\.$`)).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, '#readback button');
    await page.keyboard.press('Enter');
    await page.locator('#notice', { hasText: 'Texte copié.' }).waitFor();
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toContain(
      `Votre référence : ${body.reference}.`,
    );

    const booked = await requestOf(body.id);
    expect(booked.status).toBe('booked');
    expect(booked.appointment!.slotId).toBe(chosen);
    const sms = await eventually(async () => {
      const rows = await t.db.system((manager) =>
        manager.query<Array<{ recipient: string }>>(
          `SELECT recipient FROM notification
            WHERE request_id = $1 AND channel = 'sms' AND template = 'patient.booked'`,
          [body.id],
        ),
      );
      return rows[0];
    });
    expect(sms.recipient).toBe('+33612345678');
  });

  it('asks a GP for a surnuméraire instead, whose yes books the patient', async () => {
    await typePatient(page, {
      firstName: 'Tanguy',
      lastName: 'Riou',
      birthDate: '21/06/1977',
      phone: '0611223344',
    });
    await tabTo(page, '#submit');
    const filed = nextFiled();
    await page.keyboard.press('Enter');
    const { body } = await filed;
    expect(body.status).toBe('held');
    await tabTo(page, '#ask-surnumeraire');
    await page.keyboard.press('Enter');
    await page.waitForFunction('document.activeElement?.id === "surnumeraire-gp"');
    await page.keyboard.press('ArrowDown');
    const gp = await page.inputValue('#surnumeraire-gp');
    expect(await page.inputValue('#surnumeraire-time')).toMatch(/^\d{2}:\d{2}$/);
    expect(await seriousViolations(page)).toEqual([]);
    await tabTo(page, '#surnumeraire-form button');
    await page.keyboard.press('Enter');
    await page.locator('#notice', { hasText: /^Demande envoyée au Dr / }).waitFor();
    const asked = await requestOf(body.id);
    expect(asked.status).toBe('offered');
    expect(asked.history.map((event) => event.type)).toEqual([
      'created',
      'held',
      'hold_released',
      'surnumeraire_asked',
    ]);
    const gpToken = await t.token(tenant.cpts.id, 'practitioner', gp);
    const offers = await t
      .http(gpToken)
      .get(`/api/v1/practitioners/${gp}/offers?status=pending`)
      .expect(200);
    const [offer] = offers.body.items as Array<{ id: string }>;
    await t.http(gpToken).post(`/api/v1/offers/${offer.id}/accept`).expect(200);
    expect((await requestOf(body.id)).status).toBe('booked');
  });

  it('transfers a call with a red flag to the 15: filed, then redirected to the SAMU', async () => {
    await typePatient(page, {
      firstName: 'Loïc',
      lastName: 'Guillou',
      birthDate: '02/11/1949',
      phone: '0698765432',
    });
    expect(await page.locator('#samu').isVisible()).toBe(false);
    await tabTo(page, 'input[name="red-flag"][value="chest-pain"]');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Transférer au 15' }).waitFor();
    expect(await page.locator('#submit').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    const filed = nextFiled();
    await tabTo(page, '#samu');
    await page.keyboard.press('Enter');
    const { body } = await filed;
    await page
      .locator('#notice', { hasText: `Demande ${body.reference} transférée au 15` })
      .waitFor();
    const redirected = await requestOf(body.id);
    expect(redirected.status).toBe('redirected');
    expect(redirected.history.find((event) => event.type === 'redirected')?.detail.to).toBe('samu');
  });

  it('points out a duplicate, lists my calls, and sets a callback that is then done', async () => {
    const patient = {
      firstName: 'Gwen',
      lastName: 'Morvan',
      birthDate: '21/06/1990',
      phone: '06 11 22 33 44',
    };
    await typePatient(page, patient);
    await tabTo(page, 'input[name="kind"]');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate<string>('document.activeElement.value')).toBe('referring_physician');
    const filed = nextFiled();
    await tabTo(page, '#submit');
    await page.keyboard.press('Enter');
    const first = (await filed).body;
    await page.locator('#open').getByRole('link', { name: first.reference }).waitFor();

    await typePatient(page, { ...patient, firstName: 'Gwenaëlle' });
    await tabTo(page, '#submit');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Ce patient a déjà une demande en cours' }).waitFor();
    expect(await focused(page)).toBe('duplicates-title');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement.textContent')).toBe(
      `Demande ${first.reference}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await page.locator('#request-title', { hasText: `Demande ${first.reference}` }).waitFor();

    await tabTo(page, '#plan-callback');
    await page.keyboard.press('Enter');
    expect(await focused(page)).toBe('callback-time');
    const time = await page.inputValue('#callback-time');
    expect(time).toMatch(/^\d{2}:\d{2}$/);
    await tabTo(page, '#callback-form button');
    await page.keyboard.press('Enter');
    await page.locator('#callbacks li', { hasText: `Rappeler Gwen M. à ${time}` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Alt+R');
    expect(await focused(page)).toBe('search');
    await page.keyboard.type('morvan');
    await page.keyboard.press('Enter');
    await page.locator('#search-list').getByRole('link', { name: first.reference }).waitFor();

    await tabTo(page, '#callbacks button');
    await page.keyboard.press('Enter');
    await page.getByText('Aucun rappel prévu.').waitFor();
  });

  it('keeps the console’s data from an operator of another CPTS and from a practitioner', async () => {
    const filed = await t
      .http(tenant.platform)
      .post('/api/v1/requests')
      .set('Idempotency-Key', 'console-other-cpts')
      .send({
        kind: 'referring_physician',
        patient: {
          firstName: 'Katell',
          lastName: 'Riou',
          birthDate: '1980-01-01',
          phone: '0611111111',
          communeCode: '56007',
        },
      })
      .expect(201);
    const id = filed.body.id as string;
    const other = await t.tenant();
    const stranger = await signIn(t, await createPerson(t, other.cpts.id, 'operator'));
    await stranger.http().get(`/api/v1/requests/${id}`).expect(404);
    await stranger.http().post(`/api/v1/requests/${id}/cancel`).send({ reason: 'x' }).expect(404);

    const gp = await createPractitioner(t, tenant.cpts.id, { email: 'dr.console@cpts.test' });
    const person = await practitionerPerson(t, tenant.cpts.id, gp);
    const doctor = await signIn(t, person);
    await doctor.http().get('/api/v1/requests').expect(403);
    await doctor.http().get('/api/v1/practitioners').expect(403);
    const fresh = await launchChromium(DESKTOP);
    try {
      await fresh.page.goto(
        `${base}/auth/link/${await linkToken(t, person, 'email', '/plateforme')}`,
      );
      await fresh.page.waitForURL(`${base}/plateforme`);
      await fresh.page
        .getByText('Cette page est celle de la plateforme d’appels : votre compte n’y a pas accès.')
        .waitFor();
      expect(await fresh.page.locator('#call-form').isVisible()).toBe(false);
    } finally {
      await fresh.close();
    }
    const listed = await stranger.http().get('/api/v1/requests?q=riou').expect(200);
    expect(listed.body.items).toEqual([]);
    const duplicates = await stranger
      .http()
      .get('/api/v1/requests/duplicates')
      .query({ phone: '0611111111', lastName: 'Riou', birthDate: '1980-01-01' })
      .expect(200);
    expect(duplicates.body.items).toEqual([]);
    await stranger
      .http()
      .post(`/api/v1/requests/${id}/callbacks`)
      .send({ dueAt: new Date(Date.now() + 3_600_000).toISOString() })
      .expect(404);
    await stranger.http().post(`/api/v1/requests/${id}/confirm`).send({}).expect(404);
    await doctor.http().get('/api/v1/callbacks?mine=true&done=false').expect(403);
    await doctor.http().get('/api/v1/redirect-targets').expect(403);
  });

  it('sends someone not signed in to the sign-in page, coming back to the console', async () => {
    const fresh = await launchChromium(DESKTOP);
    try {
      await fresh.page.goto(`${base}/plateforme`);
      await fresh.page.waitForURL(`${base}/connexion?next=%2Fplateforme`);
    } finally {
      await fresh.close();
    }
  });
});
