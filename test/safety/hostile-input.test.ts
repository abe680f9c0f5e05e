import { randomUUID } from 'node:crypto';

import fc from 'fast-check';

import { COMMUNE_CODE } from '../../src/common/commune-code';
import { CONSULTATION_MODES } from '../../src/common/consultation-mode';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../../src/common/request-status';
import { MONITORING_STATES } from '../../src/monitoring/monitored-request';
import { OFFER_STATUSES } from '../../src/orientation/referral/offer.entity';
import { fileRequest, requestBody, seedCentres } from '../support/orientation-fixtures';
import { expectProblem } from '../support/problem';
import { createWorld, randomRpps, World } from '../support/safety-world';
import { inMinutes } from '../support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from '../support/test-app';

const RUNS = { numRuns: 60 };

/**
 * Values of the wrong JSON type for any string, date, code, number or list field of ours. Only finite
 * numbers: JSON has no NaN or infinities, and JSON.stringify would send them as null (an absent
 * optional field), which is not the wrong type this generator means.
 */
const junk = fc.oneof(
  fc.boolean(),
  fc.constant({}),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const INERT = [
  "Robert'); DROP TABLE orientation_request;--",
  '<img src=x onerror=alert(1)>',
  '{"role":"coordinator"}',
  '\u202Eelif.exe\u202C',
  'zero\u200Bwidth\u200Djoiner\uFEFF',
  '${7*7} {{7*7}} %s %n',
  'Ѐ𝔘𝕟𝕚𝕔𝕠𝕕𝕖 👩‍⚕️ 🇫🇷',
  'x'.repeat(100),
];

interface Case {
  name: string;
  method: 'post' | 'put';
  path: (w: World) => string;
  body: (w: World) => Record<string, unknown>;
  query?: (w: World) => string;
  headers?: () => Record<string, string>;
  table: string;
  /** field path → invalid values. */
  invalid: Record<string, fc.Arbitrary<unknown>>;
}

const shortString = (min: number) => fc.string({ minLength: min, maxLength: min + 50 });

const CASES: Case[] = [
  {
    name: 'POST /requests',
    method: 'post',
    path: () => '/api/v1/requests',
    body: () => requestBody('urgent'),
    headers: () => ({ 'idempotency-key': randomUUID() }),
    table: 'orientation_request',
    invalid: {
      kind: fc.oneof(
        junk,
        fc.string().filter((s) => !['urgent', 'referring_physician'].includes(s)),
      ),
      'patient.firstName': fc.oneof(junk, fc.constant(''), shortString(101)),
      'patient.birthDate': fc.oneof(
        junk,
        fc.constantFrom('2023-02-29', '1980-13-01', '17/05/1980', '1980-5-17', '19800517'),
      ),
      'patient.phone': fc.oneof(junk, fc.constantFrom('', '12', '06 12 34', 'phone', '+33 1')),
      'patient.communeCode': fc.oneof(
        junk,
        fc.constantFrom('2C004', '5600', '560071', '2a004', ''),
      ),
      'patient.email': fc.oneof(junk, fc.constantFrom('not-an-email', '@x', 'a@')),
      reason: fc.oneof(junk, shortString(201)),
      acceptedModes: fc.oneof(
        junk,
        fc.constant(['teleport']),
        fc.constant(['in_person', 'in_person']),
      ),
      priorityFlags: fc.oneof(junk, fc.constant(['vip'])),
    },
  },
  {
    name: 'POST /practitioners',
    method: 'post',
    path: () => '/api/v1/practitioners',
    body: () => ({
      rpps: randomRpps(),
      firstName: 'Yann',
      lastName: 'Le Bihan',
      email: 'yann@example.org',
      phone: '0297000000',
      practice: { address: '2 place de la Mairie', communeCode: '56007' },
      modes: ['in_person'],
      notify: { email: true, sms: false },
    }),
    table: 'practitioner',
    invalid: {
      rpps: fc.oneof(junk, fc.constantFrom('1234567890', '123456789012', '1234567890a')),
      email: fc.oneof(junk, fc.constant('nope')),
      phone: fc.oneof(junk, fc.constant('12')),
      modes: fc.oneof(junk, fc.constant([]), fc.constant(['teleport'])),
      weeklyUrgentCap: fc.oneof(fc.integer({ max: -1 }), fc.constant(1.5), fc.constant('3')),
      'notify.sms': fc.oneof(fc.constant('yes'), fc.constant(1)),
    },
  },
  {
    name: 'POST /practitioners/:id/slots',
    method: 'post',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/slots`,
    body: () => ({ startsAt: inMinutes(600), endsAt: inMinutes(620), mode: 'in_person' }),
    table: 'slot',
    invalid: {
      startsAt: fc.oneof(
        junk,
        fc.constantFrom('2027-02-29T10:00:00Z', '2027-01-05 10:00', '2027-01-05T10:00:00'),
      ),
      mode: fc.oneof(junk, fc.constant('teleport')),
    },
  },
  {
    name: 'PUT /practitioners/:id/slots',
    method: 'put',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/slots`,
    query: () => `from=${inMinutes(1000)}&to=${inMinutes(1200)}`,
    body: () => ({
      slots: [{ startsAt: inMinutes(1000), endsAt: inMinutes(1020), mode: 'in_person' }],
    }),
    table: 'slot',
    invalid: {
      slots: fc.oneof(
        junk,
        fc.constant([{ startsAt: 'soon', endsAt: inMinutes(1020), mode: 'in_person' }]),
      ),
    },
  },
  {
    name: 'PUT /practitioners/:id/new-patient-capacity',
    method: 'put',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/new-patient-capacity`,
    body: () => ({ accepting: true, openPlaces: 3 }),
    table: 'practitioner',
    invalid: {
      accepting: fc.oneof(fc.constant('true'), fc.constant(1), fc.constant(null)),
      openPlaces: fc.oneof(
        fc.integer({ max: -1 }),
        fc.constant(2.5),
        fc.constant('3'),
        fc.integer({ min: 10_001 }),
      ),
      ageMin: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 131 })),
      communeCodes: fc.oneof(junk, fc.constant(['2C004'])),
    },
  },
  {
    name: 'POST /requests/:id/assign',
    method: 'post',
    path: (w) => `/api/v1/requests/${w.referralRequest}/assign`,
    body: (w) => ({ practitionerId: w.practitioner, note: 'by phone' }),
    table: 'orientation_request',
    invalid: {
      practitionerId: fc.oneof(junk, fc.constantFrom('not-a-uuid', '1')),
      slotId: fc.oneof(junk, fc.constant('x')),
      startsAt: fc.oneof(junk, fc.constant('tomorrow')),
      note: fc.oneof(junk, fc.constant(''), shortString(1001)),
    },
  },
  {
    name: 'POST /requests/:id/redirect',
    method: 'post',
    path: (w) => `/api/v1/requests/${w.urgentRequest}/redirect`,
    body: () => ({ to: 'mmg', note: 'evening' }),
    table: 'orientation_request',
    invalid: {
      to: fc.oneof(junk, fc.constant('hospital')),
      note: fc.oneof(junk, fc.constant('')),
    },
  },
  {
    name: 'PUT /territory',
    method: 'put',
    path: () => '/api/v1/territory',
    body: () => ({ name: 'CPTS', communeCodes: ['56007'] }),
    table: 'cpts',
    invalid: {
      name: fc.oneof(junk, fc.constant(''), shortString(201)),
      communeCodes: fc.oneof(junk, fc.constant(['2C004']), fc.constant(['56007', '56007'])),
    },
  },
  {
    name: 'POST /access-tokens',
    method: 'post',
    path: () => '/api/v1/access-tokens',
    body: () => ({ role: 'platform', label: 'SAS' }),
    table: 'access_token',
    invalid: {
      role: fc.oneof(junk, fc.constant('admin')),
      label: fc.oneof(junk, fc.constant('')),
      practitionerId: fc.oneof(junk, fc.constant('nope')),
    },
  },
];

function errorFields(body: { errors?: Array<{ field: string }> }): string[] {
  return (body.errors ?? []).map((error) => error.field);
}

function setPath(
  body: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) return { ...body, [head]: value };
  return { ...body, [head]: setPath(body[head] as Record<string, unknown>, rest.join('.'), value) };
}

/** A query parameter's value; a list is sent as the parameter repeated, `undefined` leaves it out. */
type QueryValue = string | readonly string[] | undefined;
type Query = Record<string, QueryValue>;

/** The query string a client library writes: every value encoded, a list as repeated names. */
function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    for (const one of typeof value === 'string' ? [value] : (value ?? [])) params.append(name, one);
  }
  return params.toString();
}

interface QueryCase {
  name: string;
  method: 'get' | 'put';
  path: (w: World) => string;
  /** A query the route accepts; each invalid value replaces one parameter of it. */
  query: () => Query;
  body?: () => Record<string, unknown>;
  /** The table a refused write must leave as it was. */
  table?: string;
  /** parameter → invalid values, besides `limit` and `cursor` of a list. */
  invalid: Record<string, fc.Arbitrary<QueryValue>>;
  /**
   * A list, taking `?limit=&cursor=`: sort keys of its cursors, well encoded but with parts that
   * PostgreSQL would refuse (tried on every run: a time or UUID of a forged key once answered 500).
   */
  list?: { forgedKeys: unknown[][]; required?: Query };
  /** Its parameters that take any text: never offered as unknown. */
  anyText?: string[];
}

const days = (n: number) => inMinutes(n * 24 * 60);

/** Anything but one of these, including each of them repeated, cased or padded differently. */
const notIn = (allowed: readonly string[]) =>
  fc.oneof(
    fc.string({ maxLength: 30 }).filter((s) => !allowed.includes(s)),
    fc.constantFrom(
      ...allowed.map((s) => s.toUpperCase()),
      ...allowed.map((s) => ` ${s}`),
      'x'.repeat(5000),
      ...INERT,
    ),
    fc.constant(allowed.slice(0, 2)),
  );

const badTime = fc.oneof(
  fc.constantFrom(
    '2027-02-29T10:00:00Z',
    '2026-13-01',
    '2026-13-01T10:00:00Z',
    '2027-01-05T24:30:00Z',
    '2027-01-05T10:00:00',
    '2027-01-05 10:00:00+01:00',
    '2027-01-05',
    '2027-01-05T10:00:00+1',
    '10000-01-01T00:00:00Z',
    '1767225600',
    'now',
    '',
    ...INERT,
  ),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-\d\d-\d\d[Tt]/.test(s)),
  fc.constant([inMinutes(60), inMinutes(120)]),
);

const badCommune = fc.oneof(
  fc.constantFrom('2C004', '5600', '560071', '2a004', '', ' 56007', '2A 004', '٥٦٠٠٧', ...INERT),
  fc.string({ maxLength: 8 }).filter((s) => !COMMUNE_CODE.test(s)),
  fc.constant(['56007', '56023']),
);

/** Lists take 1 to 500 items a page (API.md). */
const badLimit = fc.oneof(
  fc.constantFrom('0', '-1', '501', '1e3', '1.5', '', 'ten', 'NaN', 'Infinity', '9'.repeat(30)),
  fc.integer({ min: 501 }).map(String),
  fc.integer({ max: 0 }).map(String),
  fc.constant(['10', '20']),
);

const asCursor = (key: unknown) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** Cursors this service never returned. */
const badCursor = fc.oneof(
  fc.constantFrom(
    'not-a-cursor',
    '%%%',
    asCursor({}),
    asCursor(null),
    asCursor([]),
    asCursor([1, 2, 3, 4]),
    'x'.repeat(1001),
    ...INERT,
  ),
  fc.constant([asCursor([]), asCursor([])]),
);

/** Every parameter of a route with its invalid values: a list's `limit` and `cursor` included. */
function invalidParameters(c: QueryCase): Record<string, fc.Arbitrary<QueryValue>> {
  if (!c.list) return c.invalid;
  const forged = c.list.forgedKeys.map(asCursor);
  return { ...c.invalid, limit: badLimit, cursor: fc.oneof(badCursor, fc.constantFrom(...forged)) };
}

const ISO_NOW = new Date().toISOString();
const NOT_A_TIME = 'soon';
/** The earliest time JavaScript has, long before PostgreSQL's 4713 BC. */
const BEFORE_POSTGRES = new Date(-8.64e15).toISOString();
/** Keys `[time, id]` of the request and offer lists. */
const FORGED_TIME_AND_ID = [
  [ISO_NOW, 'not-a-uuid'],
  [NOT_A_TIME, randomUUID()],
  [BEFORE_POSTGRES, randomUUID()],
];

const QUERY_CASES: QueryCase[] = [
  {
    name: 'GET /requests',
    method: 'get',
    path: () => '/api/v1/requests',
    query: () => ({
      status: 'pending',
      kind: 'urgent',
      from: days(-1),
      to: days(1),
      communeCode: '56007',
      limit: '10',
    }),
    invalid: {
      status: notIn(REQUEST_STATUSES),
      kind: notIn(REQUEST_KINDS),
      from: badTime,
      to: badTime,
      communeCode: badCommune,
    },
    list: { forgedKeys: FORGED_TIME_AND_ID },
    anyText: ['q'],
  },
  {
    name: 'GET /availability',
    method: 'get',
    path: () => '/api/v1/availability',
    query: () => ({ communeCode: '56007', from: inMinutes(0), to: days(2), mode: 'in_person' }),
    invalid: {
      communeCode: fc.oneof(badCommune, fc.constantFrom('2A999', '99999')),
      from: badTime,
      to: fc.oneof(badTime, fc.constantFrom(inMinutes(-60), days(15))),
      mode: notIn(CONSULTATION_MODES),
    },
  },
  {
    name: 'GET /practitioners',
    method: 'get',
    path: () => '/api/v1/practitioners',
    query: () => ({ communeCode: '56007', active: 'true', limit: '10' }),
    invalid: {
      communeCode: badCommune,
      active: fc.oneof(
        fc.constantFrom('yes', '1', '0', 'TRUE', 'False', 'on', '', ...INERT),
        fc.constant(['true', 'false']),
      ),
      staleDays: fc.constantFrom('0', '366', '1.5', 'week'),
    },
    list: { forgedKeys: [['Le Goff', 'Anne', 'not-a-uuid']] },
  },
  {
    name: 'GET /practitioners/:id/slots',
    method: 'get',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/slots`,
    query: () => ({ from: inMinutes(0), to: days(7), status: 'free', limit: '10' }),
    invalid: {
      from: badTime,
      to: fc.oneof(badTime, fc.constantFrom(inMinutes(-60), days(367))),
      status: notIn(['free', 'booked']),
    },
    list: { forgedKeys: [[NOT_A_TIME], [BEFORE_POSTGRES]] },
  },
  {
    name: 'PUT /practitioners/:id/slots',
    method: 'put',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/slots`,
    query: () => ({ from: inMinutes(3000), to: inMinutes(3200) }),
    body: () => ({
      slots: [{ startsAt: inMinutes(3000), endsAt: inMinutes(3020), mode: 'in_person' }],
    }),
    table: 'slot',
    invalid: {
      from: fc.oneof(badTime, fc.constant(undefined)),
      to: fc.oneof(badTime, fc.constant(undefined), fc.constantFrom(inMinutes(2900), days(100))),
    },
  },
  {
    name: 'GET /monitoring/requests',
    method: 'get',
    path: () => '/api/v1/monitoring/requests',
    query: () => ({ state: 'at_risk', limit: '10' }),
    invalid: {
      state: fc.oneof(notIn(MONITORING_STATES), fc.constant(undefined)),
    },
    list: { forgedKeys: FORGED_TIME_AND_ID, required: { state: 'pending' } },
  },
  {
    name: 'GET /monitoring/indicators',
    method: 'get',
    path: () => '/api/v1/monitoring/indicators',
    query: () => ({ from: days(-30), to: inMinutes(0) }),
    invalid: {
      // A period over a year and a day is refused on `from`; one ending before it starts, on `to`.
      from: fc.oneof(badTime, fc.constant(days(-400))),
      to: fc.oneof(badTime, fc.constant(days(-31))),
    },
  },
  {
    name: 'GET /communes',
    method: 'get',
    path: () => '/api/v1/communes',
    query: () => ({ q: 'auray', limit: '5' }),
    invalid: {
      q: fc.oneof(fc.constantFrom('', 'x'.repeat(101), 'x'.repeat(5000)), fc.constant(['a', 'b'])),
      code: badCommune,
    },
    list: { forgedKeys: [['-1'], ['1.5'], ['five']] },
  },
  {
    name: 'GET /practitioners/:id/offers',
    method: 'get',
    path: (w) => `/api/v1/practitioners/${w.practitioner}/offers`,
    query: () => ({ status: 'pending', limit: '10' }),
    invalid: {
      status: notIn(OFFER_STATUSES),
    },
    list: { forgedKeys: FORGED_TIME_AND_ID },
  },
];

/** Names no route knows, some shaped after other query languages' operators. */
const unknownParameter = (known: ReadonlySet<string>) =>
  fc
    .oneof(
      fc.constantFrom('status[]', 'limit[$gt]', 'q.x', '$where', 'cptsId', 'cpts_id', 'orderBy'),
      // Members of Object.prototype, which class-transformer would drop before validation.
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'valueOf', 'toString'),
      fc.string({ minLength: 1, maxLength: 20 }).filter((k) => /^\w+$/.test(k)),
    )
    .filter((name) => !known.has(name));

describe('hostile input', () => {
  let t: TestApp;
  let a: Tenant;
  let w: World;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    await seedCentres(t);
    a = await t.tenant('hostile');
    w = await createWorld(t, a);
  });

  afterAll(() => t.close());

  const checksum = (table: string) =>
    t.db.system(async (manager) => {
      const [row] = await manager.query<Array<{ sum: string }>>(
        `SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS sum FROM "${table}" x`,
      );
      return row.sum;
    });

  const send = (c: Case, body: unknown) => {
    const call = t.http(a.coordinator)[c.method](`${c.path(w)}${c.query ? `?${c.query(w)}` : ''}`);
    for (const [name, value] of Object.entries(c.headers?.() ?? {})) call.set(name, value);
    return call.send(body as object);
  };

  describe.each(CASES)('$name', (c) => {
    it('answers an invalid value with 400 naming the field, and changes nothing', async () => {
      const fields = Object.keys(c.invalid);
      const invalid = fc.oneof(
        ...fields.map((field) => c.invalid[field].map((value) => ({ field, value }))),
      );
      await fc.assert(
        fc.asyncProperty(invalid, async ({ field, value }) => {
          const before = await checksum(c.table);
          const response = await send(c, setPath(c.body(w), field, value));
          expectProblem(response, 400);
          expect(
            errorFields(response.body).some((f) => f === field || f.startsWith(`${field}.`)),
          ).toBe(true);
          expect(await checksum(c.table)).toBe(before);
        }),
        RUNS,
      );
    });

    it('refuses unknown fields by name', async () => {
      const known = new Set(Object.keys(c.body(w)).concat(Object.keys(c.invalid)));
      const unknown = fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', 'valueOf'),
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !known.has(k) && /^\w+$/.test(k)),
      );
      await fc.assert(
        fc.asyncProperty(unknown, async (name) => {
          const response = await send(c, { ...c.body(w), [name]: 'x' });
          expectProblem(response, 400, name);
        }),
        { numRuns: 20 },
      );
    });

    it('answers 413 over 100 kB and 400 to malformed JSON', async () => {
      const big = { ...c.body(w), padding: 'x'.repeat(101 * 1024) };
      expectProblem(await send(c, big), 413);
      const call = t
        .http(a.coordinator)
        [c.method](c.path(w))
        .set('content-type', 'application/json');
      expectProblem(await call.send('{"kind": "urgent", '), 400);
    });
  });

  describe('strings meant to hurt', () => {
    it('stores and returns injection strings as plain data', async () => {
      const hostile = fc
        .oneof(
          fc.constantFrom(...INERT),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        )
        .filter((s) => s.trim() === s && s.length > 0 && [...s].length <= 100);
      await fc.assert(
        fc.asyncProperty(hostile, async (text) => {
          const filed = await t
            .http(a.platform)
            .post('/api/v1/requests')
            .set('idempotency-key', randomUUID())
            .send(
              requestBody(
                'referring_physician',
                { firstName: text },
                { reason: text.slice(0, 200) },
              ),
            );
          expect(filed.status).toBe(201);
          const read = await t
            .http(a.platform)
            .get(`/api/v1/requests/${filed.body.id}`)
            .expect(200);
          expect(read.headers['content-type']).toMatch(/^application\/json/);
          expect(read.body.patient.firstName).toBe(text);
        }),
        { numRuns: 40 },
      );
      const [tables] = await t.db.system((manager) =>
        manager.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM orientation_request`),
      );
      expect(tables.n).toBeGreaterThan(40);
    });
  });

  describe('edge cases', () => {
    const file = (patient: Record<string, string>) =>
      t
        .http(a.platform)
        .post('/api/v1/requests')
        .set('idempotency-key', randomUUID())
        .send(
          requestBody('referring_physician', {}, {}) && {
            ...requestBody('referring_physician'),
            patient: { ...requestBody('referring_physician').patient, ...patient },
          },
        );

    it.each([
      ['06 12 34 56 78', '+33612345678'],
      ['0612345678', '+33612345678'],
      ['+33 6 12 34 56 78', '+33612345678'],
      ['0033612345678', '+33612345678'],
      ['+262 692 12 34 56', '+262692123456'],
      ['+590 690 12 34 56', '+590690123456'],
      ['+596 696 12 34 56', '+596696123456'],
      ['+594 694 12 34 56', '+594694123456'],
      ['+262 639 40 12 34', '+262639401234'],
      ['+687 75 12 34', '+687751234'],
      ['+689 87 12 34 56', '+68987123456'],
    ])('stores the phone number %s as %s', async (phone, e164) => {
      const response = await file({ phone });
      expect(response.status).toBe(201);
      const read = await t.http(a.platform).get(`/api/v1/requests/${response.body.id}`).expect(200);
      expect(read.body.patient.phone).toBe(e164);
    });

    // Overseas départements share the national format: 0692… is a Réunion mobile, +262.
    it('stores a Réunion mobile written nationally (0692…) under +262', async () => {
      const response = await file({ phone: '0692 12 34 56' });
      const read = await t.http(a.platform).get(`/api/v1/requests/${response.body.id}`).expect(200);
      expect(read.body.patient.phone).toBe('+262692123456');
    });

    it('answers +269 (Comoros, not Mayotte since 2007) without failing', async () => {
      const response = await file({ phone: '+269 773 12 34' });
      expect([201, 400]).toContain(response.status);
    });

    it.each(['2A004', '2B033'])('knows the Corsican commune %s', async (communeCode) => {
      const response = await file({ communeCode });
      expect(response.status).toBe(201);
    });

    it('refuses a well-formed code that is no commune', async () => {
      expectProblem(await file({ communeCode: '2A999' }), 400, 'patient.communeCode');
    });

    it('accepts a leap-day birth and refuses 29 February of a common year', async () => {
      expect((await file({ birthDate: '2024-02-29' })).status).toBe(201);
      expectProblem(await file({ birthDate: '2023-02-29' }), 400, 'patient.birthDate');
    });

    it('measures a slot across the spring DST change in real minutes', async () => {
      const response = await t
        .http(w.practitionerToken)
        .post(`/api/v1/practitioners/${w.practitioner}/slots`)
        .send({
          startsAt: '2027-03-28T01:40:00+01:00',
          endsAt: '2027-03-28T03:10:00+02:00',
          mode: 'in_person',
        });
      expect(response.status).toBe(201);
      expect(response.body.startsAt).toBe('2027-03-28T01:40:00+01:00');
      expect(response.body.endsAt).toBe('2027-03-28T03:10:00+02:00');
    });

    it('takes a slot on the leap day of 2028 and answers far-future dates without failing', async () => {
      const leap = await t
        .http(w.practitionerToken)
        .post(`/api/v1/practitioners/${w.practitioner}/slots`)
        .send({
          startsAt: '2028-02-29T09:00:00+01:00',
          endsAt: '2028-02-29T09:20:00+01:00',
          mode: 'in_person',
        });
      expect(leap.status).toBe(201);
      for (const year of ['2099', '9999']) {
        const far = await t
          .http(w.practitionerToken)
          .post(`/api/v1/practitioners/${w.practitioner}/slots`)
          .send({
            startsAt: `${year}-06-01T09:00:00+02:00`,
            endsAt: `${year}-06-01T09:20:00+02:00`,
            mode: 'in_person',
          });
        expect(far.status).toBeLessThan(500);
      }
      const query = await t.http(a.platform).get('/api/v1/requests?from=10000-01-01T00:00:00Z');
      expectProblem(query, 400, 'from');
    });
  });

  describe('query strings', () => {
    const ask = (c: QueryCase, query: Query) => {
      const call = t.http(a.coordinator)[c.method](`${c.path(w)}?${queryString(query)}`);
      return c.body ? call.send(c.body()) : call;
    };

    // The world has two requests, slots and practitioners; a second open request makes every list
    // long enough for a page of one to have a next.
    beforeAll(async () => {
      const filed = await fileRequest(t, a.platform, requestBody('referring_physician'));
      expect(filed.status).toBe(201);
    });

    describe.each(QUERY_CASES)('$name', (c) => {
      it('accepts the query every invalid value is put into', async () => {
        const response = await ask(c, c.query());
        expect(response.status).toBe(200);
      });

      const refusal = `answers an invalid value of one parameter with 400 naming it${c.table ? ', and changes nothing' : ''}`;
      it(refusal, async () => {
        const invalid = fc.oneof(
          ...Object.entries(invalidParameters(c)).map(([field, values]) =>
            values.map((value) => ({ field, value })),
          ),
        );
        const forged = (c.list?.forgedKeys ?? []).map(
          (key): [{ field: string; value: QueryValue }] => [
            { field: 'cursor', value: asCursor(key) },
          ],
        );
        await fc.assert(
          fc.asyncProperty(invalid, async ({ field, value }) => {
            const before = c.table && (await checksum(c.table));
            const response = await ask(c, { ...c.query(), [field]: value });
            expectProblem(response, 400, field);
            if (c.table) expect(await checksum(c.table)).toBe(before);
          }),
          { numRuns: 20, examples: forged },
        );
      });

      if (c.list) {
        const required = c.list.required ?? {};
        it('takes back the nextCursor it gave, for the next page', async () => {
          const first = await ask(c, { ...required, limit: '1' });
          expect(first.status).toBe(200);
          expect(typeof first.body.nextCursor).toBe('string');
          const next = await ask(c, { ...required, limit: '1', cursor: first.body.nextCursor });
          expect(next.status).toBe(200);
          expect(next.body.items).toHaveLength(1);
          expect(next.body.items[0]).not.toEqual(first.body.items[0]);
        });
      }

      // `limit` and `cursor` are left out: a list takes them (API.md), whatever its DTO says.
      it('refuses an unknown parameter by name', async () => {
        const known = new Set([
          ...Object.keys(c.query()),
          ...Object.keys(invalidParameters(c)),
          ...(c.anyText ?? []),
          'limit',
          'cursor',
        ]);
        await fc.assert(
          fc.asyncProperty(unknownParameter(known), async (name) => {
            const response = await ask(c, { ...c.query(), [name]: 'x' });
            expectProblem(response, 400, name);
          }),
          { numRuns: 10 },
        );
      });
    });

    it('searches communes for hostile text as plain text', async () => {
      const text = fc
        .oneof(
          fc.constantFrom(...INERT),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
        )
        // class-validator does not count variation selectors towards q's length of 1 to 100.
        .filter((q) => q.length <= 100 && q.replace(/[\uFE0E\uFE0F]/g, '') !== '');
      await fc.assert(
        fc.asyncProperty(text, async (q) => {
          const response = await t
            .http(a.coordinator)
            .get(`/api/v1/communes?${queryString({ q })}`);
          expect(response.status).toBe(200);
          expect(response.headers['content-type']).toMatch(/^application\/json/);
          expect(Array.isArray(response.body.items)).toBe(true);
        }),
        { numRuns: 20 },
      );
    });
  });
});
