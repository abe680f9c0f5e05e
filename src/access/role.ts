import type { SessionScope } from './session-scope';

/** The roles of machine tokens: call-platform software, agenda software, the coordination. */
export const TOKEN_ROLES = ['coordinator', 'platform', 'practitioner'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

/**
 * Every role a caller can have: a person at the call platform is an `operator`; a SAS regulator
 * who followed a national platform's booking link is a `regulator`.
 */
export const ROLES = [...TOKEN_ROLES, 'operator', 'regulator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: a machine by its bearer token, or a person by their session cookie. */
export interface Caller {
  cptsId: string;
  role: Role;
  /** Set for the practitioner role only: the practitioner the caller is bound to. */
  practitionerId: string | null;
  /** The machine token, when software calls. */
  tokenId: string | null;
  /** The person, when someone signed in calls. */
  personId: string | null;
  /** The session, when someone signed in calls. */
  sessionId: string | null;
  /** What the caller may reach within its role: a GP's message link reaches less. */
  scope: SessionScope;
}

/** Who acted, as the audit records it. */
export type Actor = Pick<Caller, 'tokenId' | 'personId'>;
