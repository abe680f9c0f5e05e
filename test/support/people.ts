import request from 'supertest';

import type { PersonRole } from '../../src/access/person-role';
import type { Caller } from '../../src/access/role';
import { LinkSigner } from '../../src/auth/link-signer.service';
import { type LinkPurpose, SignInLinksService } from '../../src/auth/sign-in-links.service';
import { AppConfig } from '../../src/config/app-config';
import { PeopleService } from '../../src/people/people.service';
import type { Person } from '../../src/people/person.entity';
import type { TestApp } from './test-app';

let people = 0;

/** The person a practitioner signs in as (made by the first message that links them, or now). */
export function practitionerPerson(
  t: TestApp,
  cptsId: string,
  practitionerId: string,
): Promise<Person> {
  return t.db.tenant(cptsId, (manager) =>
    t.app.get(PeopleService).forPractitioner(manager, practitionerId),
  );
}

/** A person of a CPTS, made as a coordinator would (without the invitation e-mail). */
/** A CPTS's coordinator as the service sees a caller, for calling services directly. */
export function coordinatorCaller(cptsId: string): Caller {
  return {
    cptsId,
    role: 'coordinator',
    practitionerId: null,
    tokenId: null,
    personId: null,
    sessionId: null,
    scope: 'full',
  };
}

export async function createPerson(
  t: TestApp,
  cptsId: string,
  role: PersonRole,
  fields: { practitionerId?: string; email?: string; displayName?: string; rpps?: string } = {},
): Promise<Person> {
  const n = ++people;
  return t.app.get(PeopleService).create(coordinatorCaller(cptsId), {
    email: fields.email ?? `person${n}@cpts.test`,
    displayName: fields.displayName ?? `Mme Personne ${n}`,
    role,
    rpps: fields.rpps,
    practitionerId: fields.practitionerId,
  });
}

/** The token of a new sign-in link for a person, as the link in the e-mail would carry it. */
export async function linkToken(
  t: TestApp,
  person: Pick<Person, 'id' | 'cptsId' | 'role'>,
  purpose: LinkPurpose = 'email',
  next?: string,
): Promise<string> {
  const link = await t.db.tenant(person.cptsId, (manager) =>
    t.app.get(SignInLinksService).create(manager, person, purpose, next),
  );
  return t.app.get(LinkSigner).token(link.id);
}

export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** supertest with the session cookie, the service's own Origin and the CSRF token. */
  http(): ReturnType<typeof request.agent>;
}

/** The Set-Cookie of a response as a Cookie header (name=value pairs). */
export function cookieHeader(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return all.map((line) => line.split(';')[0]).join('; ');
}

/** Signs a person in through a link, as their browser would, and reads their CSRF token. */
export async function signIn(
  t: TestApp,
  person: Pick<Person, 'id' | 'cptsId' | 'role'>,
  purpose: LinkPurpose = 'email',
): Promise<SignedIn> {
  const server = t.app.getHttpServer() as Parameters<typeof request>[0];
  const opened = await request(server).get(`/auth/link/${await linkToken(t, person, purpose)}`);
  if (opened.status !== 303) throw new Error(`sign-in link answered ${opened.status}`);
  const cookie = cookieHeader(opened.headers['set-cookie']);
  const origin = new URL(t.app.get(AppConfig).publicUrl).origin;
  const session = await request(server).get('/api/v1/session').set('Cookie', cookie);
  const csrfToken = (session.body as { csrfToken: string }).csrfToken;
  return {
    cookie,
    csrfToken,
    http: () =>
      request
        .agent(server)
        .set('Cookie', cookie)
        .set('Origin', origin)
        .set('X-CSRF-Token', csrfToken),
  };
}
