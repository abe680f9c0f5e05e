import { DateTime } from 'luxon';
import type { Page } from 'playwright-core';

import { PatternsService } from '../src/availability/patterns/patterns.service';
import { freePort } from '../src/common/free-port';
import { NotificationSchedulesService } from '../src/notifications/notification-schedules.service';
import {
  type Browser,
  describeInBrowser,
  launchChromium,
  reflowProblemsAt320,
  seriousViolations,
} from './support/browser';
import { mailsTo } from './support/mailbox';
import {
  fileRequest,
  requestBody,
  requestStatus,
  seedCentres,
} from './support/orientation-fixtures';
import { linkToken, practitionerPerson } from './support/people';
import {
  availabilityUpdatedAt,
  bookSlot,
  createPractitioner,
  createSlot,
} from './support/slot-fixtures';
import { eventually, startTestApp, Tenant, TestApp } from './support/test-app';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };
const PARIS = 'Europe/Paris';
const LONG_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
});
interface Campaign {
  id: string;
  answered: number;
  responseRate: number;
  pending: Array<{ practitionerId: string }>;
}
const WEEKDAYS = ['', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

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
    expect(await reflowProblemsAt320(page)).toEqual([]);

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

/** Paris calendar date `days` from today, and how the page names it. */
function parisDay(days: number): { date: string; long: string } {
  const date = DateTime.now().setZone(PARIS).plus({ days }).toISODate()!;
  return { date, long: LONG_DAY.format(new Date(`${date}T12:00:00Z`)) };
}

/** The UTC instant of a Paris wall-clock time. */
const parisInstant = (date: string, time: string) =>
  DateTime.fromISO(`${date}T${time}`, { zone: PARIS }).toUTC().toJSDate();

describeInBrowser('the GP space: slots, patterns, absences, confirmation, questionnaire', () => {
  let t: TestApp;
  let tenant: Tenant;
  let base: string;
  let gps = 0;
  const browsers: Browser[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ PUBLIC_URL: base, RATE_LIMIT_PER_MINUTE: '100000' });
    await t.app.listen(port, '127.0.0.1');
    tenant = await t.tenant();
  });

  afterEach(async () => {
    await Promise.all(browsers.splice(0).map((browser) => browser.close()));
  });

  afterAll(async () => {
    await t?.close();
  });

  /** A GP whose availability is 10 days old, as the weekly nudge finds them. */
  async function staleGp(): Promise<{ id: string; email: string }> {
    const email = `dr.gp${++gps}@cpts.test`;
    const id = await createPractitioner(t, tenant.cpts.id, {
      email,
      firstName: 'Yann',
      lastName: `Le Bihan ${gps}`,
    });
    await t.db.system((manager) =>
      manager.query(
        `UPDATE practitioner SET availability_updated_at = now() - interval '10 days',
                capacity_updated_at = now() - interval '10 days' WHERE id = $1`,
        [id],
      ),
    );
    return { id, email };
  }

  /** The link of the GP's newest message of this template, from the outbox. */
  async function linkOf(email: string, template: string): Promise<string> {
    const mail = await eventually(async () =>
      (await mailsTo(t, email)).reverse().find((sent) => sent.template === template),
    );
    expect(mail.link).toBeDefined();
    return mail.link!;
  }

  /** The GP opens the weekly nudge's link on their phone. */
  async function openNudge(
    email: string,
    before?: (page: Page) => Promise<void> | void,
  ): Promise<Page> {
    await t.app.get(NotificationSchedulesService).run('availability-nudge');
    const link = await linkOf(email, 'practitioner.availability_stale');
    const browser = await launchChromium(PHONE);
    browsers.push(browser);
    await before?.(browser.page);
    await browser.page.goto(link);
    await browser.page.waitForURL(`${base}/medecin#confirmer`);
    await browser.page.locator('#days li').first().waitFor();
    return browser.page;
  }

  const slotsOf = (practitionerId: string) =>
    t.db.system((manager) =>
      manager.query<
        Array<{ id: string; startsAt: Date; status: string; patternId: string | null }>
      >(
        `SELECT id, starts_at AS "startsAt", status, pattern_id AS "patternId" FROM slot
          WHERE practitioner_id = $1 ORDER BY starts_at`,
        [practitionerId],
      ),
    );

  it('confirms a stale declaration in one tap from the nudge’s link (#confirmer)', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const confirm = page.getByRole('button', { name: 'Toujours valable' });
    await page.getByText('Vos disponibilités ont été mises à jour il y a 10 jours.').waitFor();
    // The button is the first thing the page offers: focused, in the first card.
    expect(await page.locator(':focus').getAttribute('id')).toBe('confirm');
    expect(await seriousViolations(page)).toEqual([]);

    await confirm.tap();
    await page.getByText('Merci, c’est confirmé').waitFor();
    await page.getByText('Vos disponibilités ont été mises à jour aujourd’hui.').waitFor();
    expect(Date.now() - (await availabilityUpdatedAt(t, gp.id)).getTime()).toBeLessThan(60_000);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('adds a slot in three taps, which the call platform then sees in the live table', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const tomorrow = parisDay(1);

    await page.getByRole('button', { name: `Ajouter un créneau le ${tomorrow.long}` }).tap();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: `10:00, ${tomorrow.long}` }).tap();
    await page.getByRole('button', { name: 'Ajouter 10:00–10:20 (cabinet)' }).tap();
    await page.getByText(`Créneau ajouté : ${tomorrow.long}, 10:00–10:20.`).waitFor();
    await page
      .getByRole('list', { name: `Créneaux du ${tomorrow.long}` })
      .getByText('10:00–10:20 · cabinet')
      .waitFor();

    const startsAt = parisInstant(tomorrow.date, '10:00');
    const table = await t
      .http(tenant.platform)
      .get('/api/v1/availability')
      .query({
        from: new Date(startsAt.getTime() - 60_000).toISOString(),
        to: new Date(startsAt.getTime() + 3_600_000).toISOString(),
      })
      .expect(200);
    const row = (
      table.body as {
        items: Array<{
          practitioner: { id: string };
          freeSlots: Array<{ startsAt: string; mode: string }>;
        }>;
      }
    ).items.find((item) => item.practitioner.id === gp.id);
    expect(row?.freeSlots.map((slot) => [Date.parse(slot.startsAt), slot.mode])).toEqual([
      [startsAt.getTime(), 'in_person'],
    ]);

    // Removing it is one tap more.
    await page
      .getByRole('button', { name: `Retirer le créneau de 10:00 le ${tomorrow.long}` })
      .tap();
    await page.getByText(`Créneau de 10:00 le ${tomorrow.long} retiré.`).waitFor();
    expect(await slotsOf(gp.id)).toEqual([]);
  });

  it('consents to publish urgent slots to the SAS with the keyboard alone, and withdraws', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const consent = async () =>
      (
        await t.db.system((manager) =>
          manager.query<Array<{ on: boolean }>>(
            `SELECT sas_publication AS on FROM practitioner WHERE id = $1`,
            [gp.id],
          ),
        )
      )[0].on;
    const toggle = page.getByRole('switch', { name: 'Publier mes créneaux urgents au SAS' });
    await toggle.waitFor();
    expect(await toggle.isChecked()).toBe(false);
    await page.getByText('Vos créneaux ne sont pas publiés au SAS.').waitFor();
    expect(await consent()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);

    for (
      let presses = 0;
      (await page.locator(':focus').getAttribute('id')) !== 'sas-publication';
      presses++
    ) {
      if (presses > 120) throw new Error('never reached the SAS switch with Tab');
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Space');
    await page.getByText('C’est noté : vos créneaux urgents sont publiés au SAS.').waitFor();
    await page
      .getByText('Vos créneaux urgents libres sont visibles des régulateurs du SAS.')
      .waitFor();
    expect(await toggle.isChecked()).toBe(true);
    expect(await eventually(consent)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.keyboard.press('Space');
    await page.getByText('C’est noté : vos créneaux ne sont plus publiés au SAS.').waitFor();
    expect(await toggle.isChecked()).toBe(false);
    expect(await consent()).toBe(false);
  });

  it('adds a slot with the keyboard alone', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const day = parisDay(2);
    const target = `Ajouter un créneau le ${day.long}`;
    const focusedName = async () => {
      const focused = page.locator(':focus');
      return (await focused.getAttribute('aria-label')) ?? (await focused.innerText()).trim();
    };
    for (let presses = 0; (await focusedName()) !== target; presses++) {
      if (presses > 60) throw new Error(`never reached « ${target} » with Tab`);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    // The focus moves to the first proposed time; Tab twice reaches the third.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const chosen = (await focusedName()).split(',')[0];
    await page.keyboard.press('Enter');
    expect(await focusedName()).toMatch(/^Ajouter \d\d:\d\d–/);
    await page.keyboard.press('Enter');
    await page.getByText(`Créneau ajouté : ${day.long}, ${chosen}–`).waitFor();
    const slots = await slotsOf(gp.id);
    expect(slots.map((slot) => slot.startsAt.getTime())).toEqual([
      parisInstant(day.date, chosen).getTime(),
    ]);
  });

  it('turns Paris wall-clock times into the right instants on the day clocks go forward', async () => {
    const gp = await staleGp();
    // The phone's clock says 20 March 2027: the fortnight shown spans the last Sunday of March.
    const page = await openNudge(gp.email, (phone) =>
      phone.clock.install({ time: new Date('2027-03-20T08:00:00Z') }),
    );
    for (const date of ['2027-03-27', '2027-03-28']) {
      const long = LONG_DAY.format(new Date(`${date}T12:00:00Z`));
      await page.getByRole('button', { name: `Ajouter un créneau le ${long}` }).tap();
      await page.getByRole('button', { name: `10:00, ${long}` }).tap();
      await page.getByRole('button', { name: /^Ajouter 10:00–10:20/ }).tap();
      await page
        .getByRole('list', { name: `Créneaux du ${long}` })
        .getByText(/^10:00–10:20/)
        .waitFor();
    }
    const slots = await slotsOf(gp.id);
    expect(slots.map((slot) => slot.startsAt.toISOString())).toEqual([
      '2027-03-27T09:00:00.000Z', // CET, UTC+1
      '2027-03-28T08:00:00.000Z', // CEST, UTC+2
    ]);
  });

  it('creates a weekly pattern whose slots show at once, and a second generator run adds none', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const day = parisDay(1);
    const weekday = DateTime.fromISO(day.date).weekday;

    await page.getByText('Ajouter un créneau régulier').tap();
    await page.getByLabel('Jour', { exact: true }).selectOption(String(weekday));
    await page.getByLabel('De', { exact: true }).fill('14:00');
    await page.getByLabel('À', { exact: true }).fill('15:00');
    await page.getByLabel('Durée d’un créneau').selectOption('20');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ajouter ce créneau régulier' }).tap();
    await page
      .getByText(`Chaque ${WEEKDAYS[weekday]}, 14:00–15:00, créneaux de 20 min, cabinet`)
      .waitFor();
    const list = page.getByRole('list', { name: `Créneaux du ${day.long}` });
    for (const time of ['14:00–14:20', '14:20–14:40', '14:40–15:00'])
      await list.getByText(time).waitFor();

    const made = await slotsOf(gp.id);
    expect(made.length).toBe(6); // three slots on each of the two such days in 14 days
    await t.app.get(PatternsService).generateNow();
    expect((await slotsOf(gp.id)).map((slot) => slot.id).sort()).toEqual(
      made.map((slot) => slot.id).sort(),
    );

    await page
      .getByRole('button', {
        name: `Supprimer : Chaque ${WEEKDAYS[weekday]}, 14:00–15:00, créneaux de 20 min, cabinet`,
      })
      .tap();
    await page.getByText('Aucun créneau régulier.').waitFor();
    expect(await slotsOf(gp.id)).toEqual([]);
  });

  it('declares an absence that withdraws the free slots but keeps the booked one', async () => {
    const gp = await staleGp();
    const [from, to] = [parisDay(2), parisDay(3)];
    const free = await createSlot(t, tenant.cpts.id, gp.id, parisInstant(from.date, '09:00'));
    const booked = await createSlot(t, tenant.cpts.id, gp.id, parisInstant(to.date, '11:00'));
    await bookSlot(t, booked);
    const outside = await createSlot(
      t,
      tenant.cpts.id,
      gp.id,
      parisInstant(parisDay(5).date, '09:00'),
    );
    const page = await openNudge(gp.email);
    await page
      .getByRole('list', { name: `Créneaux du ${to.long}` })
      .getByText('11:00–11:20 · réservé')
      .waitFor();

    await page.getByText('Déclarer une absence').tap();
    await page.getByLabel('Absent du').fill(from.date);
    await page.getByLabel('au (inclus)').fill(to.date);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Déclarer l’absence' }).tap();
    await page
      .getByText(`Absent du ${from.long} au ${to.long} : c’est noté. 1 créneau libre retiré.`)
      .waitFor();
    await page
      .getByRole('listitem')
      .filter({ hasText: `Absent du ${from.long} au ${to.long}` })
      .waitFor();

    const left = await slotsOf(gp.id);
    expect(left.map((slot) => [slot.id, slot.status]).sort()).toEqual(
      [
        [booked, 'booked'],
        [outside, 'free'],
      ].sort(),
    );
    expect(left.some((slot) => slot.id === free)).toBe(false);
    await page
      .getByRole('list', { name: `Créneaux du ${to.long}` })
      .getByText('11:00–11:20 · réservé')
      .waitFor();

    // « Pas disponible cette semaine »: today → Sunday, one tap.
    await page.getByRole('button', { name: 'Pas disponible cette semaine' }).tap();
    const today = parisDay(0);
    const sunday = parisDay(7 - DateTime.now().setZone(PARIS).weekday);
    await page
      .getByRole('status')
      .getByText(
        today.date === sunday.date
          ? `Absent le ${today.long}`
          : `Absent du ${today.long} au ${sunday.long}`,
      )
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a message link’s session no patient, and asks for a full sign-in', async () => {
    const gp = await staleGp();
    const page = await openNudge(gp.email);
    const link = page.getByRole('link', { name: 'Connectez-vous pour voir vos patients' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('/connexion?next=/medecin');
  });

  it('weighs less than 150 kB compressed for the whole home page', async () => {
    const gp = await staleGp();
    let transferred = 0;
    const encodings: Record<string, string | undefined> = {};
    const page = await openNudge(gp.email, (phone) => {
      phone.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname.startsWith('/medecin') || url.pathname.startsWith('/ui/'))
          encodings[url.pathname] = response.headers()['content-encoding'];
      });
      phone.on('requestfinished', (request) => {
        void request.sizes().then((sizes) => {
          transferred += sizes.responseBodySize + sizes.responseHeadersSize;
        });
      });
    });
    await page.waitForLoadState('networkidle');
    // gzip, or brotli when the browser offers it: compressed either way.
    expect(['gzip', 'br']).toContain(encodings['/medecin/gp.js']);
    expect(['gzip', 'br']).toContain(encodings['/ui/base.css']);
    expect(transferred).toBeGreaterThan(0);
    expect(transferred).toBeLessThan(150_000);
    console.log(`GP home page: ${transferred} bytes transferred`);
  });
  it('answers the campaign’s questionnaire from its link, and the coordinator’s response rate moves', async () => {
    const gp = await staleGp();
    const sent = await t.http(tenant.coordinator).post('/api/v1/campaigns').send({}).expect(201);
    const latest = async () =>
      (await t.http(tenant.coordinator).get('/api/v1/campaigns/latest').expect(200))
        .body as Campaign;
    const before = await latest();
    expect(before.id).toBe((sent.body as { id: string }).id);
    expect(before.pending.map((one) => one.practitionerId)).toContain(gp.id);

    const browser = await launchChromium(PHONE);
    browsers.push(browser);
    const { page } = browser;
    await page.goto(await linkOf(gp.email, 'practitioner.questionnaire'));
    await page.waitForURL(`${base}/medecin/questionnaire`);
    await page
      .getByRole('heading', { name: 'Soins non programmés et nouveaux patients' })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByRole('group', { name: /1\. Participez-vous/ })
      .getByLabel('Oui')
      .check();
    const first = page.getByRole('group', { name: 'Plage 1' });
    await first.getByLabel('Jour').selectOption('2');
    await first.getByLabel('De', { exact: true }).fill('09:00');
    await first.getByLabel('À', { exact: true }).fill('10:00');
    await page
      .getByRole('group', { name: /3\. Acceptez-vous/ })
      .getByLabel('Oui')
      .check();
    await page.getByLabel('4. Combien de nouveaux patients ?').fill('3');
    await page.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
    await page.getByRole('heading', { name: 'Merci, vos réponses sont enregistrées' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const after = await latest();
    expect(after.answered).toBe(before.answered + 1);
    expect(after.responseRate).toBeGreaterThan(before.responseRate);
    expect(after.pending.map((one) => one.practitionerId)).not.toContain(gp.id);
    const answers = await t
      .http(await t.token(tenant.cpts.id, 'practitioner', gp.id))
      .get(`/api/v1/practitioners/${gp.id}/questionnaire`)
      .expect(200);
    expect(answers.body).toMatchObject({ urgentCare: true, accepting: true, openPlaces: 3 });
    expect(answers.body.patterns).toMatchObject([
      { weekday: 2, startTime: '09:00', endTime: '10:00', slotMinutes: 20 },
    ]);
  });
  it('records « Venu » for a patient once the time has passed, after a full sign-in', async () => {
    await seedCentres(t);
    const email = `dr.gp${++gps}@cpts.test`;
    const gp = await createPractitioner(t, tenant.cpts.id, {
      email,
      latitude: 47.668,
      longitude: -2.982,
    });
    await createSlot(t, tenant.cpts.id, gp, 180);
    const urgent = await fileRequest(
      t,
      tenant.platform,
      requestBody('urgent', { firstName: 'Gwenaël' }, { reason: 'fièvre' }),
    );
    expect(urgent.body.status).toBe('booked');
    // The consultation time has passed.
    await t.db.system((manager) =>
      manager.query(
        `UPDATE appointment SET starts_at = now() - interval '2 hours',
                ends_at = now() - interval '100 minutes' WHERE request_id = $1`,
        [urgent.body.id],
      ),
    );
    // The booking's message already gave the GP their person.
    const person = await practitionerPerson(t, tenant.cpts.id, gp);
    const browser = await launchChromium(PHONE);
    browsers.push(browser);
    const { page } = browser;
    await page.goto(`${base}/auth/link/${await linkToken(t, person, 'email', '/medecin')}`);
    await page.waitForURL(`${base}/medecin`);
    const came = page.getByRole('button', { name: /^Gwenaël T\. est venu\(e\) le / });
    await came.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await came.tap();
    await page.getByText('Gwenaël T. : venu, c’est noté.').waitFor();
    await page.getByText('Venu', { exact: true }).waitFor();
    const token = await t.token(tenant.cpts.id, 'practitioner', gp);
    const listed = await t.http(token).get(`/api/v1/practitioners/${gp}/appointments`).expect(200);
    expect((listed.body as { items: Array<{ outcome: string | null }> }).items).toMatchObject([
      { outcome: 'honoured' },
    ]);
  });
});
