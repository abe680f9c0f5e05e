import { expectProblem } from './support/problem';
import { createPractitioner, createSlot, inMinutes } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

const PUBLIC_URL = 'https://cpts.example';
const ndjsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const hex = (uuid: string) => uuid.replace(/-/g, '');

describe('open publication of urgent slots (SMART Scheduling Links)', () => {
  let t: TestApp;
  let a: Tenant;
  let consenting: string;
  let refusing: string;
  let free: string;
  let taken: string;

  const base = (slug: string) => `/api/v1/smart/${slug}`;
  const territory = (tenant: Tenant, changes: Record<string, unknown>) =>
    t
      .http(tenant.coordinator)
      .put('/api/v1/territory')
      .send({ name: tenant.cpts.name, communeCodes: ['56007'], ...changes });

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL });
    a = await t.tenant('alpha');
    await t.tenant('beta'); // a CPTS that has not turned the publication on
    consenting = await createPractitioner(t, a.cpts.id, {
      lastName: 'Le Goff',
      latitude: 47.668,
      longitude: -2.982,
    });
    refusing = await createPractitioner(t, a.cpts.id, { lastName: 'Tanguy' });
    await t.db.tenant(a.cpts.id, (manager) =>
      manager.query(`UPDATE practitioner SET sas_publication = true WHERE id = $1`, [consenting]),
    );
    free = await createSlot(t, a.cpts.id, consenting, 120);
    taken = await createSlot(t, a.cpts.id, consenting, 180);
    await createSlot(t, a.cpts.id, consenting, -120);
    await createSlot(t, a.cpts.id, refusing, 120);
    await t.db.system((manager) =>
      manager.query(`UPDATE slot SET status = 'booked' WHERE id = $1`, [taken]),
    );
  });

  afterAll(() => t?.close());

  it('is off until the coordinator turns it on, which needs the CPTS phone number', async () => {
    await t
      .http()
      .get(`${base('alpha')}/$bulk-publish`)
      .expect(404);
    expectProblem(await territory(a, { smartPublication: true }), 400, 'smartPublication');
    const on = await territory(a, { phone: '02 97 24 00 00', smartPublication: true }).expect(200);
    expect(on.body).toMatchObject({
      phone: '+33297240000',
      smartPublication: true,
      smartPublicationUrl: `${PUBLIC_URL}/api/v1/smart/alpha/$bulk-publish`,
    });
    expectProblem(await territory(a, { phone: null }), 400, 'smartPublication');
    await expect(
      t.db.system((manager) =>
        manager.query(`UPDATE cpts SET phone = NULL WHERE id = $1`, [a.cpts.id]),
      ),
    ).rejects.toThrow(/cpts_smart_publication_phone/);
  });

  it('serves a manifest listing the Location, Schedule and Slot files, cacheable', async () => {
    const response = await t
      .http()
      .get(`${base('alpha')}/$bulk-publish`)
      .expect(200);
    expect(response.headers['cache-control']).toBe('public, max-age=60');
    expect(response.body).toEqual({
      transactionTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      request: `${PUBLIC_URL}/api/v1/smart/alpha/$bulk-publish`,
      output: [
        { type: 'Location', url: `${PUBLIC_URL}/api/v1/smart/alpha/locations.ndjson` },
        { type: 'Schedule', url: `${PUBLIC_URL}/api/v1/smart/alpha/schedules.ndjson` },
        { type: 'Slot', url: `${PUBLIC_URL}/api/v1/smart/alpha/slots.ndjson` },
      ],
      error: [],
    });
    await t
      .http()
      .get(`${base('beta')}/$bulk-publish`)
      .expect(404);
    await t
      .http()
      .get(`${base('nowhere')}/$bulk-publish`)
      .expect(404);
  });

  it('publishes only consenting GPs: their practice, its schedule, and their future slots, free or busy', async () => {
    const locations = await t
      .http()
      .get(`${base('alpha')}/locations.ndjson`)
      .expect(200);
    expect(locations.headers['content-type']).toMatch(/^application\/fhir\+ndjson/);
    expect(locations.headers['cache-control']).toBe('public, max-age=60');
    expect(ndjsonLines(locations.text)).toEqual([
      {
        resourceType: 'Location',
        id: hex(consenting),
        name: 'Cabinet du Dr Le Goff, Auray',
        telecom: [{ system: 'phone', value: '+33297240000' }],
        address: {
          line: ['1 rue de la Gare'],
          city: 'Auray',
          postalCode: '56400',
          district: '56',
          country: 'FR',
        },
        position: { latitude: 47.668, longitude: -2.982 },
      },
    ]);
    const schedules = ndjsonLines(
      (
        await t
          .http()
          .get(`${base('alpha')}/schedules.ndjson`)
          .expect(200)
      ).text,
    );
    expect(schedules).toEqual([
      expect.objectContaining({
        resourceType: 'Schedule',
        id: hex(consenting),
        actor: [{ reference: `Location/${hex(consenting)}` }],
      }),
    ]);
    const slots = ndjsonLines(
      (
        await t
          .http()
          .get(`${base('alpha')}/slots.ndjson`)
          .expect(200)
      ).text,
    );
    const booking = `${PUBLIC_URL}/plateforme/sas?practitioner=${consenting}`;
    expect(slots).toEqual([
      {
        resourceType: 'Slot',
        id: hex(free),
        schedule: { reference: `Schedule/${hex(consenting)}` },
        status: 'free',
        start: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+0[12]:00$/),
        end: expect.stringMatching(/\+0[12]:00$/),
        extension: [
          {
            url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-deep-link',
            valueUrl: booking,
          },
          {
            url: 'http://fhir-registry.smarthealthit.org/StructureDefinition/booking-phone',
            valueString: '+33297240000',
          },
        ],
      },
      expect.objectContaining({ id: hex(taken), status: 'busy' }),
    ]);
    expect(new Date(slots[0].start as string).toISOString()).toBe(
      new Date(inMinutes(120)).toISOString(),
    );
    await t
      .http()
      .get(`${base('alpha')}/locations.ndjson`)
      .set('If-None-Match', locations.headers.etag)
      .expect(304);
    const text = JSON.stringify([locations.text, schedules, slots]);
    expect(text).not.toContain('Tanguy');
    expect(text).not.toContain(hex(refusing));
  });

  it('with _since lists only the slots changed since: one published, one removed (as busy)', async () => {
    const since = new Date().toISOString();
    const manifest = await t
      .http()
      .get(`${base('alpha')}/$bulk-publish`)
      .query({ _since: since })
      .expect(200);
    const slotsUrl = new URL(manifest.body.output[2].url as string);
    expect(slotsUrl.searchParams.get('_since')).toBe(since);
    const nothing = await t.http().get(`${slotsUrl.pathname}${slotsUrl.search}`).expect(200);
    expect(nothing.text).toBe('');

    const published = await t
      .http(a.coordinator)
      .post(`/api/v1/practitioners/${consenting}/slots`)
      .send({ startsAt: inMinutes(600), endsAt: inMinutes(620), mode: 'in_person' })
      .expect(201);
    await t.http(a.coordinator).delete(`/api/v1/slots/${free}`).expect(204);
    const changed = ndjsonLines(
      (await t.http().get(`${slotsUrl.pathname}${slotsUrl.search}`).expect(200)).text,
    );
    expect(changed.map((slot) => [slot.id, slot.status])).toEqual([
      [hex(free), 'busy'],
      [hex(published.body.id as string), 'free'],
    ]);
    const locations = await t
      .http()
      .get(`${base('alpha')}/locations.ndjson`)
      .query({ _since: inMinutes(60) })
      .expect(200);
    expect(locations.text).toBe('');
  });

  it('refuses a malformed _since, naming it', async () => {
    expectProblem(
      await t
        .http()
        .get(`${base('alpha')}/slots.ndjson`)
        .query({ _since: 'yesterday' }),
      400,
      '_since',
    );
  });

  it('stops publishing a GP who withdraws consent, and the CPTS when the coordinator turns it off', async () => {
    await t.db.tenant(a.cpts.id, (manager) =>
      manager.query(`UPDATE practitioner SET sas_publication = false WHERE id = $1`, [consenting]),
    );
    expect(
      (
        await t
          .http()
          .get(`${base('alpha')}/slots.ndjson`)
          .expect(200)
      ).text,
    ).toBe('');
    await territory(a, { smartPublication: false }).expect(200);
    await t
      .http()
      .get(`${base('alpha')}/slots.ndjson`)
      .expect(404);
  });
});
