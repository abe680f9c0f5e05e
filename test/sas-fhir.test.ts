/* eslint-disable @typescript-eslint/no-unsafe-return -- FHIR JSON is read as it comes and checked by the assertions */
import { DateTime } from 'luxon';

import { type Issued, ThrowAwayPki } from '../bench/certificates';
import type { SlotStatus } from '../src/availability/slots/slot.entity';
import type { ConsultationMode } from '../src/common/consultation-mode';
import { FhirListener } from '../src/sas/fhir-listener';
import { PROFILES } from '../src/sas/fhir-vocabulary';
import { decodedPairs, expectSasCptsBundle, rawGet, validateR4 } from './support/sas-fhir';
import { bookSlot, createSlot } from './support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from './support/test-app';

// fhir-kit-client sends its TLS options through an HTTP agent, which node-fetch honours and Node's
// built-in fetch ignores: the client is given node-fetch (its own cross-fetch ponyfill).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ponyfill = require('cross-fetch/dist/node-ponyfill') as Record<string, unknown>;
Object.assign(globalThis, {
  fetch: ponyfill.fetch,
  Request: ponyfill.Request,
  Headers: ponyfill.Headers,
  Response: ponyfill.Response,
});
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Client = require('fhir-kit-client') as typeof import('fhir-kit-client').default;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PUBLIC_URL = 'https://cpts.test';
const HOUR = 3_600_000;
const ID = 'schedule.actor:Practitioner.identifier';
const OID = 'urn:oid:1.2.250.1.71.4.2.1';
const INCLUDES: Array<[string, string]> = [
  ['_include', 'Slot:schedule'],
  ['_include', 'Slot:service-type-reference'],
  ['_include:iterate', 'Schedule:actor'],
  ['_include:iterate', 'HealthcareService:organization'],
];

let rppsCounter = 0;
function rpps(): string {
  return `1${String(Date.now() % 1_000_000).padStart(6, '0')}${String(++rppsCounter).padStart(4, '0')}`;
}

describe('SAS FHIR endpoint (INT_R04 over mutual TLS)', () => {
  let t: TestApp;
  let pki: ThrowAwayPki;
  let serverCa: Issued;
  let sasCa: Issued;
  let sas: Issued;
  let base: string;
  let auray: Tenant;
  let vannes: Tenant;
  let noFiness: Tenant;

  const tlsOf = (client: Issued) => ({ cert: client.cert, key: client.key, ca: serverCa.cert });

  beforeAll(async () => {
    pki = new ThrowAwayPki();
    serverCa = pki.authority('server-ca');
    sasCa = pki.authority('sas-ca');
    const server = pki.issue('server', serverCa, '/CN=localhost', true);
    sas = pki.issue('sas', sasCa, '/CN=sas.test/OU=SAS');
    t = await startTestApp({
      PUBLIC_URL,
      RATE_LIMIT_PER_MINUTE: '100000',
      FHIR_TLS_PORT: '0',
      FHIR_TLS_CERT: server.certFile,
      FHIR_TLS_KEY: server.keyFile,
      FHIR_TLS_CLIENT_CA: sasCa.certFile,
      FHIR_TLS_ALLOWED_CLIENTS: 'CN=sas.test/OU=SAS,CN=recette.sas.test/OU=Recette',
    });
    const port = await t.app.get(FhirListener).start('127.0.0.1');
    base = `https://127.0.0.1:${port}/fhir`;
    auray = await t.tenant('auray');
    vannes = await t.tenant('vannes');
    noFiness = await t.tenant('sans-finess');
    await t
      .http(auray.coordinator)
      .put('/api/v1/territory')
      .send({
        name: "CPTS du Pays d'Auray",
        communeCodes: ['56007'],
        finess: '560099991',
        phone: '02 97 00 00 01',
      })
      .expect(200);
    await t
      .http(vannes.coordinator)
      .put('/api/v1/territory')
      .send({
        name: 'CPTS de Vannes',
        communeCodes: ['56260'],
        finess: '560099992',
        phone: '02 97 00 00 02',
      })
      .expect(200);
  });

  afterAll(async () => {
    await t?.close();
    pki?.remove();
  });

  const client = () =>
    new Client({ baseUrl: base, requestOptions: tlsOf(sas) as unknown as RequestInit });

  /** A GP through the coordinator's API; consenting unless told otherwise. */
  async function gp(
    tenant: Tenant,
    fields: {
      rpps?: string;
      consent?: boolean;
      address?: string;
      communeCode?: string;
      structure?: Json;
    } = {},
  ): Promise<{ id: string; rpps: string }> {
    const number = fields.rpps ?? rpps();
    const response = await t
      .http(tenant.coordinator)
      .post('/api/v1/practitioners')
      .send({
        rpps: number,
        firstName: 'Anne',
        lastName: `Le Goff ${number.slice(-4)}`,
        email: `gp${number}@example.invalid`,
        phone: '02 97 24 00 00',
        practice: {
          address: fields.address ?? '1 rue de la Gare',
          communeCode: fields.communeCode ?? '56007',
          ...(fields.structure ? { structure: fields.structure } : {}),
        },
        modes: ['in_person', 'teleconsultation', 'home_visit'],
        notify: { email: true, sms: false },
        sasPublication: fields.consent ?? true,
      })
      .expect(201);
    return { id: response.body.id as string, rpps: number };
  }

  /** A slot written to the database at an exact time (so that two CPTS get the same one). */
  const slotAt = (
    tenant: Tenant,
    practitionerId: string,
    start: Date,
    mode: ConsultationMode = 'in_person',
    status: SlotStatus = 'free',
  ) => createSlot(t, tenant.cpts.id, practitionerId, start, { mode, status });

  /** A whole hour at least an hour ahead, plus `hours`. */
  const at = (hours: number) => new Date((Math.ceil(Date.now() / HOUR) + 1 + hours) * HOUR);

  const paris = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Paris' });

  interface Form {
    identifiers: string[];
    from: Date;
    to: Date;
  }

  /** The INT_R04 query, raw `|`, `:` and `+`, offsets with milliseconds, in the kit's order. */
  function rawQuery({ identifiers, from, to }: Form): string {
    return [
      `start=ge${paris(from).toISO()}`,
      `start=le${paris(to).toISO()}`,
      `${ID}=${identifiers.map((n) => `${OID}|8${n}`).join(',')}`,
      'status=free',
      ...INCLUDES.map(([name, value]) => `${name}=${value}`),
      '_count=1000',
    ].join('&');
  }

  /** The same search written every way SAS-FHIR.md lists. */
  function forms(form: Form): Array<[string, string]> {
    const { identifiers, from, to } = form;
    const ids = (separator: string) => identifiers.map((n) => `${OID}|8${n}`).join(separator);
    const encode = (pairs: Array<[string, string]>) =>
      pairs.map(([n, v]) => `${encodeURIComponent(n)}=${encodeURIComponent(v)}`).join('&');
    const pairs = (fromText: string, toText: string, separator = ','): Array<[string, string]> => [
      ['start', `ge${fromText}`],
      ['start', `le${toText}`],
      [ID, ids(separator)],
      ['status', 'free'],
      ...INCLUDES,
    ];
    const offset = (d: Date) => paris(d).toISO() as string;
    const offsetNoMs = (d: Date) => paris(d).toISO({ suppressMilliseconds: true }) as string;
    const zulu = (d: Date) => d.toISOString().replace('.000Z', 'Z');
    const zuluMs = (d: Date) => d.toISOString();
    const local = (d: Date) => paris(d).toFormat("yyyy-MM-dd'T'HH:mm:ss");
    const localMs = (d: Date) => paris(d).toFormat("yyyy-MM-dd'T'HH:mm:ss.SSS");
    const rawPairs = (p: Array<[string, string]>) => p.map(([n, v]) => `${n}=${v}`).join('&');
    return [
      ['raw | : +, offset with ms', rawQuery(form)],
      ['all percent-encoded, offset with ms', encode(pairs(offset(from), offset(to)))],
      ['raw, offset without ms', rawPairs(pairs(offsetNoMs(from), offsetNoMs(to)))],
      ['raw, Z without ms', rawPairs(pairs(zulu(from), zulu(to)))],
      ['encoded, Z with ms', encode(pairs(zuluMs(from), zuluMs(to)))],
      ['raw, no offset (Paris time)', rawPairs(pairs(local(from), local(to)))],
      ['encoded, no offset with ms', encode(pairs(localMs(from), localMs(to)))],
      [
        'parameters in another order, %20 after each comma',
        rawPairs([...pairs(offset(from), offset(to), ',%20')].reverse()),
      ],
      ['a + for the space after each comma', rawPairs(pairs(offset(from), offset(to), ',+'))],
      [
        '| and : encoded, + raw',
        rawPairs(pairs(offset(from), offset(to)))
          .replace(/\|/g, '%7C')
          .replace(/:/g, '%3A'),
      ],
      ['+ encoded, | and : raw', rawPairs(pairs(offset(from), offset(to))).replace(/\+/g, '%2B')],
    ];
  }

  const window = () => ({ from: new Date(Date.now()), to: new Date(Date.now() + 72 * HOUR) });

  async function search(query: string): Promise<Json> {
    return await client().request(`Slot?${query}`);
  }

  const slotIds = (bundle: Json): string[] =>
    ((bundle.entry ?? []) as Json[])
      .filter((e) => e.resource.resourceType === 'Slot')
      .map((e) => e.resource.id as string)
      .sort();

  const resources = (bundle: Json, type: string): Json[] =>
    ((bundle.entry ?? []) as Json[]).map((e) => e.resource).filter((r) => r.resourceType === type);

  describe('the answer to one consenting GP', () => {
    let one: { id: string; rpps: string };
    const expected: string[] = [];

    beforeAll(async () => {
      one = await gp(auray, { structure: { type: 'finess', value: '560012345' } });
      expected.push(
        await slotAt(auray, one.id, at(0)),
        await slotAt(auray, one.id, at(2), 'home_visit'),
        await slotAt(auray, one.id, at(30), 'teleconsultation'),
      );
      // None of these is offered: too soon, past, beyond the window, held, booked.
      await slotAt(auray, one.id, new Date(Date.now() + 10 * 60_000));
      await slotAt(auray, one.id, new Date(Date.now() - 2 * HOUR));
      await slotAt(auray, one.id, at(80));
      await slotAt(auray, one.id, at(4), 'in_person', 'held');
      await slotAt(auray, one.id, at(5), 'in_person', 'booked');
    });

    it('answers every written form of the query, sent raw and through fhir-kit-client, with the same conformant searchset', async () => {
      const { from, to } = window();
      for (const [name, query] of forms({ identifiers: [one.rpps], from, to })) {
        const answer = await rawGet(`${base}/Slot?${query}`, tlsOf(sas));
        expect({ name, status: answer.status }).toEqual({ name, status: 200 });
        expect(answer.contentType).toMatch(/^application\/fhir\+json/);
        expectSasCptsBundle(answer.body, {
          url: `${base}/Slot?${query}`,
          from,
          to,
          publicUrl: PUBLIC_URL,
        });
        expect({ name, slots: slotIds(answer.body) }).toEqual({
          name,
          slots: [...expected].sort(),
        });
        // The same form through fhir-kit-client, which may re-encode some characters on the way.
        const viaClient = await search(query);
        const { request } = Client.httpFor(viaClient as never) as unknown as {
          request: { url: string };
        };
        expectSasCptsBundle(viaClient, { url: request.url, from, to, publicUrl: PUBLIC_URL });
        expect({ name, slots: slotIds(viaClient) }).toEqual({
          name,
          slots: [...expected].sort(),
        });
      }
    });

    it('answers fhir-kit-client, the SAS-like caller, with the place, GP, CPTS and modes', async () => {
      const { from, to } = window();
      const bundle = (await client().search({
        resourceType: 'Slot',
        searchParams: {
          start: [`ge${paris(from).toISO()}`, `le${paris(to).toISO()}`],
          [ID]: `${OID}|8${one.rpps}`,
          status: 'free',
          _include: ['Slot:schedule', 'Slot:service-type-reference'],
          '_include:iterate': ['Schedule:actor', 'HealthcareService:organization'],
        },
      })) as Json;
      const { request, response } = Client.httpFor(bundle as never) as unknown as {
        request: { url: string };
        response: { headers: { get(name: string): string | null } };
      };
      expect(response.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
      const sent = request.url;
      expectSasCptsBundle(bundle, { url: sent, from, to, publicUrl: PUBLIC_URL });
      expect(slotIds(bundle)).toEqual([...expected].sort());
      const [slot] = resources(bundle, 'Slot').filter((s) => s.id === expected[0]);
      expect(slot.comment).toBe(`${PUBLIC_URL}/plateforme/sas?practitioner=${one.id}`);
      const modes = resources(bundle, 'Slot')
        .map((s) => s.serviceType[0].coding[0].code)
        .sort();
      expect(modes).toEqual(['AMB', 'HH', 'VR']);
      expect(resources(bundle, 'Practitioner')).toEqual([
        expect.objectContaining({
          id: `8${one.rpps}`,
          identifier: [expect.objectContaining({ value: `8${one.rpps}` })],
        }),
      ]);
      const [role] = resources(bundle, 'PractitionerRole');
      expect(role.organization.identifier.value).toBe('1560012345');
      expect(role.contained[0].address).toMatchObject({ city: 'Auray', postalCode: '56400' });
      expect(resources(bundle, 'Organization')).toEqual([
        expect.objectContaining({
          id: auray.cpts.id,
          name: "CPTS du Pays d'Auray",
          identifier: [expect.objectContaining({ value: '1560099991' })],
          telecom: [expect.objectContaining({ value: '+33297000001' })],
        }),
      ]);
    });

    it('leaves a slot booked meanwhile out of the next answer', async () => {
      const { from, to } = window();
      const query = rawQuery({ identifiers: [one.rpps], from, to });
      const before = await search(query);
      expect(slotIds(before)).toContain(expected[1]);
      await bookSlot(t, expected[1]);
      const after = await search(query);
      expect(slotIds(after)).not.toContain(expected[1]);
      expect(after.total).toBe(before.total - 1);
      expectSasCptsBundle(after, { url: `${base}/Slot?${query}`, from, to, publicUrl: PUBLIC_URL });
    });
  });

  it('answers nothing found, an unknown GP or a non-consenting one with an empty searchset', async () => {
    const silent = await gp(auray, { consent: false });
    await slotAt(auray, silent.id, at(1));
    const { from, to } = window();
    for (const identifiers of [[silent.rpps], [rpps()]]) {
      const query = rawQuery({ identifiers, from, to });
      const bundle = await search(query);
      expect(bundle).toEqual({
        resourceType: 'Bundle',
        id: expect.any(String),
        type: 'searchset',
        total: 0,
        link: [{ relation: 'self', url: expect.any(String) }],
      });
      expectSasCptsBundle(bundle, {
        url: `${base}/Slot?${query}`,
        from,
        to,
        publicUrl: PUBLIC_URL,
      });
    }
    // The GP consents in their space (PATCH by themselves): their slot is then offered.
    const token = await t.token(auray.cpts.id, 'practitioner', silent.id);
    await t
      .http(token)
      .patch(`/api/v1/practitioners/${silent.id}`)
      .send({ sasPublication: true })
      .expect(200);
    expect((await search(rawQuery({ identifiers: [silent.rpps], from, to }))).total).toBe(1);
  });

  it('answers 25 GPs at once, each with their slots, schedule and role', async () => {
    const gps = await Promise.all(Array.from({ length: 25 }, () => gp(auray)));
    for (const [index, { id }] of gps.entries()) await slotAt(auray, id, at(index % 48));
    const { from, to } = window();
    const query = rawQuery({ identifiers: gps.map((g) => g.rpps), from, to });
    const bundle = await search(query);
    expectSasCptsBundle(bundle, { url: `${base}/Slot?${query}`, from, to, publicUrl: PUBLIC_URL });
    expect(bundle.total).toBe(25);
    expect(resources(bundle, 'Practitioner')).toHaveLength(25);
    expect(resources(bundle, 'Schedule')).toHaveLength(25);
    expect(resources(bundle, 'PractitionerRole')).toHaveLength(25);
    expect(resources(bundle, 'HealthcareService')).toHaveLength(1);
  });

  it('offers once a slot a GP publishes through two CPTS, naming both', async () => {
    const number = rpps();
    const inAuray = await gp(auray, { rpps: number });
    const inVannes = await gp(vannes, { rpps: number });
    const shared = at(6);
    const first = await slotAt(auray, inAuray.id, shared);
    const second = await slotAt(vannes, inVannes.id, shared);
    const vannesOnly = await slotAt(vannes, inVannes.id, at(8));
    const { from, to } = window();
    const query = rawQuery({ identifiers: [number], from, to });
    const bundle = await search(query);
    expectSasCptsBundle(bundle, { url: `${base}/Slot?${query}`, from, to, publicUrl: PUBLIC_URL });
    expect(slotIds(bundle)).toEqual([[first, second].sort()[0], vannesOnly].sort());
    const services = (slot: Json) =>
      (slot.serviceType as Json[])
        .slice(1)
        .map((type) => type.extension[0].valueReference.reference as string)
        .sort();
    const [sharedSlot] = resources(bundle, 'Slot').filter((s) => s.id !== vannesOnly);
    expect(services(sharedSlot)).toEqual(
      [`HealthcareService/${auray.cpts.id}`, `HealthcareService/${vannes.cpts.id}`].sort(),
    );
    const [onlySlot] = resources(bundle, 'Slot').filter((s) => s.id === vannesOnly);
    expect(services(onlySlot)).toEqual([`HealthcareService/${vannes.cpts.id}`]);
    expect(
      resources(bundle, 'Organization')
        .map((o) => o.identifier[0].value)
        .sort(),
    ).toEqual(['1560099991', '1560099992']);
    // Same address in both CPTS: one place, one schedule.
    expect(resources(bundle, 'Schedule')).toHaveLength(1);
    expect(resources(bundle, 'Practitioner')).toHaveLength(1);
  });

  it('gives a GP practising at two places one schedule, role and location per place', async () => {
    const number = rpps();
    const port = await gp(auray, {
      rpps: number,
      address: '2 place du Port',
      communeCode: '56007',
    });
    const town = await gp(vannes, {
      rpps: number,
      address: '10 rue du Mené',
      communeCode: '56260',
      structure: { type: 'siret', value: '12345678901234' },
    });
    await slotAt(auray, port.id, at(3));
    await slotAt(vannes, town.id, at(3), 'home_visit');
    const { from, to } = window();
    const query = rawQuery({ identifiers: [number], from, to });
    const bundle = await search(query);
    expectSasCptsBundle(bundle, { url: `${base}/Slot?${query}`, from, to, publicUrl: PUBLIC_URL });
    expect(bundle.total).toBe(2);
    expect(resources(bundle, 'Practitioner')).toHaveLength(1);
    const schedules = resources(bundle, 'Schedule');
    expect(schedules).toHaveLength(2);
    const roles = resources(bundle, 'PractitionerRole');
    expect(roles.map((role) => role.contained[0].address.city).sort()).toEqual(['Auray', 'Vannes']);
    expect(roles.map((role) => role.organization?.identifier.value ?? null).sort()).toEqual([
      '312345678901234',
      null,
    ]);
    const scheduleOf = new Map(resources(bundle, 'Slot').map((s) => [s.schedule.reference, s]));
    expect(scheduleOf.size).toBe(2);
  });

  it('leaves out of a CPTS search the slots of a CPTS without FINESS, not of an individual one', async () => {
    const orphan = await gp(noFiness);
    await slotAt(noFiness, orphan.id, at(2));
    const { from, to } = window();
    const query = rawQuery({ identifiers: [orphan.rpps], from, to });
    expect((await search(query)).total).toBe(0);
    const individual = query
      .split('&')
      .filter(
        (pair) => !pair.includes('service-type-reference') && !pair.includes('HealthcareService'),
      )
      .join('&');
    const bundle = await search(individual);
    expect(bundle.total).toBe(1);
    expect(bundle.meta.profile).toEqual([
      'http://sas.fr/fhir/StructureDefinition/BundleAgregateur',
    ]);
    validateR4(bundle);
    const [slot] = resources(bundle, 'Slot');
    expect(slot.meta.profile).toEqual([PROFILES.individualSlot]);
    expect(resources(bundle, 'Organization')).toEqual([]);
  });

  it('answers a query it cannot run with 400 and an OperationOutcome naming the parameter', async () => {
    const { from, to } = window();
    const good = rawQuery({ identifiers: [rpps()], from, to });
    const cases: Array<[string, string]> = [
      ['start', good.replace(/start=ge[^&]*&/, '')],
      ['status', good.replace('&status=free', '')],
      ['start', good.replace('start=ge', 'start=eq')],
      ['start', good.replace(/start=le[^&]*/, 'start=le2026-13-45T10:00:00')],
      [ID, good.replace(/&schedule[^&]*/, '')],
    ];
    for (const [parameter, query] of cases) {
      const answer = await rawGet(`${base}/Slot?${query}`, tlsOf(sas));
      expect({ parameter, status: answer.status }).toEqual({ parameter, status: 400 });
      expect(answer.contentType).toMatch(/^application\/fhir\+json/);
      expect(answer.body.resourceType).toBe('OperationOutcome');
      validateR4(answer.body);
      expect((answer.body.issue as Json[]).flatMap((issue) => issue.expression)).toContain(
        parameter,
      );
    }
    await expect(client().request('Slot?status=free')).rejects.toMatchObject({
      response: { status: 400, data: { resourceType: 'OperationOutcome' } },
    });
  });

  it('describes itself at /fhir/metadata, read-only', async () => {
    const statement = (await client().capabilityStatement()) as Json;
    validateR4(statement);
    expect(statement).toMatchObject({
      resourceType: 'CapabilityStatement',
      fhirVersion: '4.0.1',
      rest: [
        {
          mode: 'server',
          resource: expect.arrayContaining([expect.objectContaining({ type: 'Slot' })]),
        },
      ],
    });
    const post = await new Promise<number>((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const sent = (require('node:https') as typeof import('node:https')).request(
        `${base}/Slot`,
        { method: 'POST', agent: false, ...tlsOf(sas) },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      sent.on('error', reject);
      sent.end('{}');
    });
    expect(post).toBe(405);
    const unknown = await rawGet(`${base}/Patient?name=x`, tlsOf(sas));
    expect(unknown.status).toBe(404);
    expect(unknown.body.resourceType).toBe('OperationOutcome');
  });

  it('is not reachable on the main HTTP port', async () => {
    for (const path of ['/fhir/metadata', '/fhir/Slot?status=free', '/api/v1/fhir/metadata']) {
      await t.http(auray.coordinator).get(path).expect(404);
    }
  });

  describe('mutual TLS', () => {
    const metadata = (tls: Record<string, unknown>) => rawGet(`${base}/metadata`, tls);

    it('serves a client whose certificate is from an accepted authority with an allowed subject', async () => {
      expect((await metadata(tlsOf(sas))).status).toBe(200);
      const recette = pki.issue('recette', sasCa, '/CN=recette.sas.test/OU=Recette');
      expect((await metadata(tlsOf(recette))).status).toBe(200);
    });

    it('refuses the handshake without a certificate, or with one from an unknown authority', async () => {
      await expect(metadata({ ca: serverCa.cert })).rejects.toThrow(/certificate required/);
      const stranger = pki.issue(
        'stranger-ca-client',
        pki.authority('stranger-ca'),
        '/CN=sas.test/OU=SAS',
      );
      // The server's alert (unknown CA) may reach the client as a reset under TLS 1.3.
      await expect(metadata(tlsOf(stranger))).rejects.toMatchObject({
        code: expect.stringMatching(/ECONNRESET|ERR_SSL_TLSV1_ALERT_UNKNOWN_CA|EPROTO/),
      });
    });

    it('answers 403 to a certificate whose CN or OU is not allowed', async () => {
      for (const subject of ['/CN=other.test/OU=SAS', '/CN=sas.test/OU=Other', '/CN=sas.test']) {
        const name = `refused-${subject.replace(/[^a-z]/gi, '')}`;
        const answer = await metadata(tlsOf(pki.issue(name, sasCa, subject)));
        expect({ subject, status: answer.status }).toEqual({ subject, status: 403 });
        expect(answer.body.resourceType).toBe('OperationOutcome');
      }
    });

    it('refuses TLS 1.1 and below, and accepts TLS 1.2', async () => {
      const old = {
        ...tlsOf(sas),
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT@SECLEVEL=0',
      };
      await expect(metadata(old)).rejects.toThrow(/protocol version/);
      expect((await metadata({ ...tlsOf(sas), maxVersion: 'TLSv1.2' })).status).toBe(200);
    });
  });

  it('keeps the self link equal to the request, decoded, in any order', () => {
    expect(decodedPairs('b=2&a=%7C1')).toEqual(decodedPairs('a=|1&b=2'));
  });
});
