import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';

import { Controller, Get } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';

import { RoutePolicyCheck } from '../../src/access/route-policy.check';
import {
  LISTENER_ROUTES,
  RoutePolicy,
  routeTable,
  undeclaredRoutes,
} from '../../src/access/route-table';
import { AppConfig } from '../../src/config/app-config';
import type { Person } from '../../src/people/person.entity';
import { requestBody, seedCentres } from '../support/orientation-fixtures';
import { createPerson, practitionerPerson, type SignedIn, signIn } from '../support/people';
import { createWorld, randomRpps, World } from '../support/safety-world';
import { inMinutes } from '../support/slot-fixtures';
import { startTestApp, Tenant, TestApp } from '../support/test-app';

type CallerName =
  | 'no token'
  | 'revoked token'
  | 'ended session'
  | 'coordinator'
  | 'platform'
  | 'practitioner concerned'
  | 'another practitioner'
  | 'coordinator of another CPTS'
  | 'platform of another CPTS'
  | 'coordinator (session)'
  | 'operator (session)'
  | 'practitioner concerned (session)'
  | 'practitioner concerned (message link)'
  | 'operator of another CPTS (session)';

const CALLERS: CallerName[] = [
  'no token',
  'revoked token',
  'ended session',
  'coordinator',
  'platform',
  'practitioner concerned',
  'another practitioner',
  'coordinator of another CPTS',
  'platform of another CPTS',
  'coordinator (session)',
  'operator (session)',
  'practitioner concerned (session)',
  'practitioner concerned (message link)',
  'operator of another CPTS (session)',
];

interface Sample {
  body?: (w: World) => unknown;
  csv?: string;
  query?: (w: World) => string;
  headers?: () => Record<string, string>;
  /** Success status when not the method's default (POST 201, others 200). */
  status?: number;
  /** Which resource `:id` names, when not the route's own. */
  id?: (w: World) => string;
}

type Role = 'coordinator' | 'platform' | 'practitioner' | 'operator' | 'regulator';
const C: Role = 'coordinator';
const P: Role = 'platform';
const GP: Role = 'practitioner';
const O: Role = 'operator';
/** A SAS regulator (docs/sas-booking.md); their own calls are proved in test/sas-booking.test.ts. */
const R: Role = 'regulator';

/**
 * Who may call each route, written by hand from API.md (and, for the routes API.md leaves to us, from
 * docs/security.md), independently of the decorators: the matrix expects these, and a decorator that
 * drifts from them, or a route missing here, fails the first test.
 */
const POLICY: Record<string, Role[] | 'public'> = {
  'GET health/live': 'public',
  'GET health/ready': 'public',
  'GET metrics': 'public',
  'GET dashboard': 'public',
  'GET dashboard/:asset': 'public',
  'GET calendar/:secret.ics': 'public', // the secret in the URL is the credential
  // The open publication (docs/smart-scheduling.md): no patient data, consenting GPs only.
  'GET smart/:cpts/\\$bulk-publish': 'public',
  'GET smart/:cpts/locations.ndjson': 'public',
  'GET smart/:cpts/schedules.ndjson': 'public',
  'GET smart/:cpts/slots.ndjson': 'public',
  'GET connexion': 'public',
  'GET medecin': 'public',
  'GET medecin/:asset': 'public',
  'GET medecin/questionnaire': 'public',
  'GET plateforme': 'public',
  'GET plateforme/:asset': 'public',
  'GET plateforme/sas': 'public', // sends anyone but a regulator of the GP's CPTS to PSC
  'GET sas/practitioners/:id/slots': [C, R],
  'GET ui/:asset': 'public',
  'POST auth/link': 'public',
  'GET auth/link/:token': 'public', // the token in the URL is the credential
  'GET auth/psc/login': 'public',
  'GET auth/psc/callback': 'public', // state, nonce and PKCE are the credentials
  'POST auth/logout': [C, O, GP, R],
  'GET session': [C, P, O, GP, R],
  'GET people': [C],
  'POST people': [C],
  'GET people/:id': [C],
  'PATCH people/:id': [C],
  'DELETE people/:id': [C],
  'POST access-tokens': [C],
  'GET access-tokens': [C],
  'DELETE access-tokens/:id': [C],
  'PUT access-tokens/:id/webhook': [C],
  'DELETE access-tokens/:id/webhook': [C],
  'GET territory': [C, P, O, GP],
  'PUT territory': [C],
  'GET communes': [C, P, O, GP],
  'POST practitioners': [C],
  'POST practitioners/import': [C],
  'GET practitioners': [C, P, O],
  'GET practitioners/:id': [C, P, O, GP],
  'PATCH practitioners/:id': [C, GP],
  'PUT practitioners/:id/new-patient-capacity': [C, GP],
  'PUT practitioners/:id/sas-publication': [C, GP],
  'GET practitioners/:id/patterns': [C, GP],
  'POST practitioners/:id/patterns': [C, GP],
  'DELETE practitioners/:id/patterns/:patternId': [C, GP],
  'GET practitioners/:id/absences': [C, GP],
  'POST practitioners/:id/absences': [C, GP],
  'DELETE practitioners/:id/absences/:absenceId': [C, GP],
  'POST practitioners/:id/availability/confirm': [C, GP],
  'GET practitioners/:id/appointments': [C, GP],
  'POST campaigns': [C],
  'GET campaigns/latest': [C],
  'GET practitioners/:id/questionnaire': [C, GP],
  'POST practitioners/:id/questionnaire': [C, GP],
  'POST practitioners/:id/slots': [C, GP],
  'PUT practitioners/:id/slots': [C, GP],
  'GET practitioners/:id/slots': [C, P, O, GP],
  'DELETE slots/:id': [C, GP],
  'POST practitioners/:id/calendar-feed': [C, GP],
  'DELETE practitioners/:id/calendar-feed': [C, GP],
  'GET availability': [C, P, O],
  'GET availability/events': [C, P, O],
  'POST requests': [C, P, O, R],
  'GET requests': [C, P, O],
  'GET requests/:id': [C, P, O, GP, R],
  'POST requests/:id/cancel': [C, P, O],
  'POST requests/:id/confirm': [C, P, O, R],
  'POST requests/:id/release': [C, P, O, R],
  'POST requests/:id/surnumeraire': [C, P, O],
  'POST requests/:id/outcome': [C, GP],
  'POST requests/:id/assign': [C],
  'POST requests/:id/redirect': [C, O],
  'GET requests/duplicates': [C, P, O],
  'GET redirect-targets': [C, P, O],
  'POST redirect-targets': [C],
  'PATCH redirect-targets/:id': [C],
  'DELETE redirect-targets/:id': [C],
  'POST requests/:id/callbacks': [C, O],
  'GET callbacks': [C, O],
  'POST callbacks/:id/done': [C, O],
  'GET requests/:id/decisions': [C],
  'GET requests/:id/notifications': [C, P, O],
  'GET practitioners/:id/offers': [C, GP],
  'POST offers/:id/accept': [GP],
  'POST offers/:id/decline': [GP],
  'GET monitoring/requests': [C, P, O],
  'GET monitoring/indicators': [C],
};

/**
 * What the link in a message to a GP reaches (its session's practitioner_link scope): that GP's
 * availability and offers, who they are, and signing out. Nothing else, whatever their role allows.
 */
const LINK_SCOPE = new Set([
  'GET territory',
  'GET practitioners/:id',
  'PUT practitioners/:id/new-patient-capacity',
  'PUT practitioners/:id/sas-publication',
  'POST practitioners/:id/slots',
  'PUT practitioners/:id/slots',
  'GET practitioners/:id/slots',
  'DELETE slots/:id',
  'GET practitioners/:id/patterns',
  'POST practitioners/:id/patterns',
  'DELETE practitioners/:id/patterns/:patternId',
  'GET practitioners/:id/absences',
  'POST practitioners/:id/absences',
  'DELETE practitioners/:id/absences/:absenceId',
  'POST practitioners/:id/availability/confirm',
  'GET practitioners/:id/questionnaire',
  'POST practitioners/:id/questionnaire',
  'GET practitioners/:id/offers',
  'POST offers/:id/accept',
  'POST offers/:id/decline',
  'GET session',
  'POST auth/logout',
]);

/** A valid call per route: a route without one still gets its denials checked. */
const SAMPLES: Record<string, Sample> = {
  'GET sas/practitioners/:id/slots': { id: (w) => w.practitioner },
  'POST access-tokens': { body: () => ({ role: 'platform', label: 'matrix' }) },
  'DELETE access-tokens/:id': { status: 204 },
  'PUT access-tokens/:id/webhook': { body: () => ({ url: 'https://platform.example/hook' }) },
  'DELETE access-tokens/:id/webhook': { status: 204 },
  'PUT territory': { body: () => ({ name: 'CPTS', communeCodes: ['56007', '56186'] }) },
  'GET communes': { query: () => 'q=Auray' },
  'POST practitioners': {
    body: () => ({
      rpps: randomRpps(),
      firstName: 'Yann',
      lastName: 'Le Bihan',
      email: 'yann@example.org',
      phone: '02 97 00 00 00',
      practice: { address: '2 place de la Mairie', communeCode: '56007' },
      modes: ['in_person'],
      notify: { email: true, sms: false },
    }),
  },
  'POST practitioners/import': {
    csv: `rpps;nom;prenom;email;telephone;adresse;code_commune;modes\n${randomRpps()};Le Gall;Loïc;l@example.org;0297000001;1 rue Neuve;56007;cabinet\n`,
    status: 200,
  },
  'PATCH practitioners/:id': { body: () => ({ firstName: 'Annaïg' }) },
  'PUT practitioners/:id/new-patient-capacity': {
    body: () => ({ accepting: true, openPlaces: 3 }),
  },
  'PUT practitioners/:id/sas-publication': { body: () => ({ sasPublication: true }) },
  'POST practitioners/:id/slots': {
    body: () => ({ startsAt: inMinutes(600), endsAt: inMinutes(620), mode: 'in_person' }),
  },
  'PUT practitioners/:id/slots': {
    query: () => `from=${inMinutes(1000)}&to=${inMinutes(1200)}`,
    body: () => ({
      slots: [{ startsAt: inMinutes(1000), endsAt: inMinutes(1020), mode: 'in_person' }],
    }),
  },
  'DELETE slots/:id': { status: 204, id: (w) => w.freeSlot },
  'POST practitioners/:id/patterns': {
    body: () => ({
      weekday: 3,
      startTime: '14:00',
      endTime: '15:00',
      slotMinutes: 20,
      mode: 'in_person',
    }),
  },
  'DELETE practitioners/:id/patterns/:patternId': { status: 204 },
  'POST practitioners/:id/absences': { body: () => ({ from: '2031-08-04', to: '2031-08-10' }) },
  'DELETE practitioners/:id/absences/:absenceId': { status: 204 },
  'POST practitioners/:id/availability/confirm': { status: 200 },
  'POST practitioners/:id/questionnaire': {
    body: () => ({
      urgentCare: true,
      patterns: [
        { weekday: 3, startTime: '14:00', endTime: '15:00', slotMinutes: 20, mode: 'in_person' },
      ],
      accepting: true,
      openPlaces: 2,
    }),
    status: 200,
  },
  'DELETE practitioners/:id/calendar-feed': { status: 204 },
  'GET monitoring/requests': { query: () => 'state=pending' },
  'POST requests': {
    body: () => requestBody('urgent'),
    headers: () => ({ 'idempotency-key': randomUUID() }),
  },
  'POST requests/:id/cancel': { body: () => ({ reason: 'patient feels better' }), status: 200 },
  'POST requests/:id/outcome': { body: () => ({ outcome: 'honoured' }), status: 200 },
  'POST requests/:id/assign': {
    body: (w) => ({ practitionerId: w.practitioner, note: 'agreed by phone' }),
    id: (w) => w.referralRequest,
    status: 200,
  },
  'POST requests/:id/redirect': { body: () => ({ to: 'mmg', note: 'evening' }), status: 200 },
  'GET requests/duplicates': { query: () => 'phone=0612345678' },
  'POST redirect-targets': {
    body: () => ({
      name: 'Téléconsultation CPTS',
      kind: 'teleconsultation',
      hours: [{ weekday: 6, opens: '12:00', closes: '20:00' }],
    }),
  },
  'PATCH redirect-targets/:id': { body: () => ({ note: 'entrée par l’arrière' }) },
  'DELETE redirect-targets/:id': { status: 204 },
  'POST requests/:id/callbacks': { body: () => ({ dueAt: inMinutes(120), note: 'rappeler' }) },
  // The world's urgent request is booked: an authorised caller reaches the lifecycle's refusal.
  'POST requests/:id/surnumeraire': {
    body: (w) => ({ practitionerId: w.practitioner, startsAt: inMinutes(120) }),
    status: 409,
  },
  'POST callbacks/:id/done': { status: 200 },
  'POST offers/:id/accept': { status: 200 },
  'POST offers/:id/decline': { body: () => ({ reason: 'full' }), status: 200 },
  'POST auth/link': { body: () => ({ email: 'nobody@cpts.test' }), status: 202 },
  'POST auth/logout': { status: 200 },
  'POST people': {
    body: () => ({ email: `${randomUUID()}@cpts.test`, displayName: 'M. Test', role: 'operator' }),
  },
  'PATCH people/:id': { body: () => ({ displayName: 'Mme Renommée' }) },
  'DELETE people/:id': { status: 204 },
};

/** The resources a route's second path parameter names in a world. */
const NAMED_PARAMS: Record<string, (w: World) => string> = {
  patternId: (w) => w.pattern,
  absenceId: (w) => w.absence,
};

/** The resource a route's `:id` names in a world. */
function idFor(route: RoutePolicy, w: World): string {
  const sample = SAMPLES[key(route)];
  if (sample?.id) return sample.id(w);
  const [resource] = route.path.split('/');
  const ids: Record<string, string> = {
    'access-tokens': w.platformTokenId,
    practitioners: w.practitioner,
    slots: w.freeSlot,
    requests: w.urgentRequest,
    offers: w.offer,
    people: w.person,
    'redirect-targets': w.redirectTarget,
    callbacks: w.callback,
  };
  return ids[resource] ?? randomUUID();
}

function key(route: RoutePolicy): string {
  return `${route.method} ${route.path}`;
}

const namesAResource = (route: RoutePolicy) => /:\w+/.test(route.path);

function roleOf(caller: CallerName): Role {
  if (caller.startsWith('coordinator')) return C;
  if (caller.startsWith('platform')) return P;
  if (caller.startsWith('operator')) return O;
  return GP;
}

/** What a caller must get; 'success' is the route's success status. */
function expected(route: RoutePolicy, caller: CallerName): number | 'success' {
  if (['no token', 'revoked token', 'ended session'].includes(caller)) return 401;
  const allowed = POLICY[key(route)];
  if (allowed === undefined || allowed === 'public') throw new Error(`no policy for ${key(route)}`);
  if (!allowed.includes(roleOf(caller))) return 403;
  if (caller.endsWith('(message link)') && !LINK_SCOPE.has(key(route))) return 403;
  if (caller.includes('another CPTS')) return namesAResource(route) ? 404 : 'success';
  if (caller === 'another practitioner') return namesAResource(route) ? 403 : 'success';
  return 'success';
}

describe('authorization matrix: every route × every caller', () => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  let revoked: string;
  let base: string;
  let routes: RoutePolicy[];
  const unexcluded = [
    'health/live',
    'health/ready',
    'metrics',
    'dashboard',
    'connexion',
    'medecin',
    'medecin/questionnaire',
    'plateforme',
    'plateforme/sas',
    'ui',
  ];
  const outsideApi = (path: string) => unexcluded.includes(path) || path.startsWith('auth/');
  let ended: string;
  let coordinatorPerson: Person;
  let otherOperator: Person;
  let origin: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    await seedCentres(t);
    a = await t.tenant('matrix-a');
    b = await t.tenant('matrix-b');
    const issued = await t
      .http(a.coordinator)
      .post('/api/v1/access-tokens')
      .send({ role: 'coordinator', label: 'to revoke' })
      .expect(201);
    await t.http(a.coordinator).delete(`/api/v1/access-tokens/${issued.body.id}`).expect(204);
    revoked = issued.body.token as string;
    coordinatorPerson = await createPerson(t, a.cpts.id, 'coordinator');
    otherOperator = await createPerson(t, b.cpts.id, 'operator');
    const leaving = await signIn(t, await createPerson(t, a.cpts.id, 'coordinator'));
    await leaving.http().post('/auth/logout').expect(200);
    ended = leaving.cookie;
    origin = new URL(t.app.get(AppConfig).publicUrl).origin;
    // GET campaigns/latest answers 404 in a CPTS that never sent one: both CPTS have one.
    await t.http(a.coordinator).post('/api/v1/campaigns').expect(201);
    await t.http(b.coordinator).post('/api/v1/campaigns').expect(201);
    await t.app.listen(0, '127.0.0.1');
    const server = t.app.getHttpServer() as { address(): AddressInfo };
    base = `http://127.0.0.1:${server.address().port}`;
    routes = routeTable(t.app.get(DiscoveryService), new MetadataScanner(), t.app.get(Reflector));
  });

  afterAll(() => t.close());

  function token(caller: CallerName, w: World): string | undefined {
    const tokens: Partial<Record<CallerName, string>> = {
      'revoked token': revoked,
      coordinator: a.coordinator,
      platform: a.platform,
      'practitioner concerned': w.practitionerToken,
      'another practitioner': w.otherPractitionerToken,
      'coordinator of another CPTS': b.coordinator,
      'platform of another CPTS': b.platform,
    };
    return tokens[caller];
  }

  /** A fresh session per call: a call may sign out or deactivate what it is given. */
  async function session(caller: CallerName, w: World): Promise<SignedIn | undefined> {
    const gp = () => practitionerPerson(t, a.cpts.id, w.practitioner);
    const sessions: Partial<Record<CallerName, () => Promise<SignedIn>>> = {
      'coordinator (session)': () => signIn(t, coordinatorPerson),
      'operator (session)': async () => signIn(t, await createPerson(t, a.cpts.id, 'operator')),
      'operator of another CPTS (session)': () => signIn(t, otherOperator),
      'practitioner concerned (session)': async () => signIn(t, await gp()),
      'practitioner concerned (message link)': async () => signIn(t, await gp(), 'practitioner'),
    };
    return sessions[caller]?.();
  }

  async function credentials(caller: CallerName, w: World): Promise<Record<string, string>> {
    if (caller === 'ended session') return { cookie: ended, origin };
    const bearer = token(caller, w);
    if (bearer) return { authorization: `Bearer ${bearer}` };
    const signedIn = await session(caller, w);
    return signedIn ? { cookie: signedIn.cookie, origin, 'x-csrf-token': signedIn.csrfToken } : {};
  }

  async function call(route: RoutePolicy, caller: CallerName, w: World): Promise<number> {
    const sample = SAMPLES[key(route)] ?? {};
    const prefix = outsideApi(route.path) ? '' : '/api/v1';
    const path = route.path.replace(
      /:(\w+)/g,
      (_, name: string) => NAMED_PARAMS[name]?.(w) ?? idFor(route, w),
    );
    const query = sample.query ? `?${sample.query(w)}` : '';
    const headers: Record<string, string> = {
      ...(await credentials(caller, w)),
      ...(sample.headers?.() ?? {}),
    };
    let body: string | undefined;
    if (sample.csv !== undefined) {
      headers['content-type'] = 'text/csv';
      body = sample.csv;
    } else if (sample.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(sample.body(w));
    }
    const abort = new AbortController();
    const response = await fetch(`${base}${prefix}/${path}${query}`, {
      method: route.method,
      headers,
      body,
      signal: abort.signal,
      redirect: 'manual',
    });
    // Streams (server-sent events) never end: the status is all the matrix needs.
    abort.abort();
    return response.status;
  }

  function successStatus(route: RoutePolicy): number {
    return SAMPLES[key(route)]?.status ?? (route.method === 'POST' ? 201 : 200);
  }

  it('reads a policy for every route Express serves, and every route declares one', () => {
    const express = t.app.getHttpAdapter().getInstance() as {
      router: { stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }> };
    };
    // Swagger's pages are not Nest routes; routes answering every method are middleware mounts.
    const served = express.router.stack
      .filter((layer) => layer.route && !layer.route.path.startsWith('/api/docs'))
      .filter((layer) => Object.keys(layer.route!.methods).length < 10)
      .flatMap((layer) =>
        Object.keys(layer.route!.methods).map(
          (method) => `${method.toUpperCase()} ${layer.route!.path.replace(/^\/(api\/v1\/)?/, '')}`,
        ),
      );
    expect(new Set(routes.map(key))).toEqual(new Set(served));
    expect(routes.length).toBeGreaterThan(30);
    expect(undeclaredRoutes(routes)).toEqual([]);
    // The FHIR routes of the SAS platform live on their own mutual-TLS listener only.
    const onPort = new Set(routes.map((route) => route.path));
    for (const route of LISTENER_ROUTES) {
      expect(onPort.has(route.path) || onPort.has(`api/v1/${route.path}`)).toBe(false);
    }
  });

  it('declares on every route exactly the callers API.md names', () => {
    const declared = Object.fromEntries(
      routes.map((route) => [
        key(route),
        route.isPublic ? 'public' : [...route.roles].sort((x, y) => x.localeCompare(y)),
      ]),
    );
    const written = Object.fromEntries(
      Object.entries(POLICY).map(([route, roles]) => [
        route,
        roles === 'public' ? 'public' : [...roles].sort((x, y) => x.localeCompare(y)),
      ]),
    );
    expect(declared).toEqual(written);
  });

  it('answers each caller of each route as API.md says', async () => {
    const failures: string[] = [];
    const check = (route: RoutePolicy, caller: CallerName, want: number, got: number) => {
      if (want !== got) failures.push(`${key(route)} as ${caller}: want ${want}, got ${got}`);
    };
    for (const route of routes) {
      if (POLICY[key(route)] === 'public') {
        const w = await createWorld(t, a);
        for (const caller of CALLERS) {
          const got = await call(route, caller, w);
          if (got === 401 || got === 403 || got >= 500) {
            failures.push(`${key(route)} (public) as ${caller}: got ${got}`);
          }
        }
        continue;
      }
      // Refusals change nothing, so they share one world; each success gets a fresh one.
      const shared = await createWorld(t, a);
      for (const caller of CALLERS) {
        const want = expected(route, caller);
        if (want === 'success') continue;
        check(route, caller, want, await call(route, caller, shared));
      }
      for (const caller of CALLERS) {
        if (expected(route, caller) !== 'success') continue;
        const got = await call(route, caller, await createWorld(t, a));
        if (SAMPLES[key(route)] || !route.path.includes(':') || route.method === 'GET') {
          check(route, caller, successStatus(route), got);
        } else if ([401, 403, 404].includes(got) || got >= 500) {
          failures.push(`${key(route)} as ${caller}: refused with ${got}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 300_000);
});

@Controller('forgotten')
class ForgottenController {
  @Get()
  open() {
    return 'anyone';
  }
}

describe('a route without a declared policy', () => {
  it('stops the application from starting', async () => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [ForgottenController],
      providers: [RoutePolicyCheck],
    }).compile();
    const app = module.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      'routes without @Roles or @Public: GET /forgotten (ForgottenController.open)',
    );
  });
});
