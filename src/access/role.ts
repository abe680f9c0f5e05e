export const ROLES = ['coordinator', 'platform', 'practitioner'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from the bearer token on every request. */
export interface Caller {
  tokenId: string;
  cptsId: string;
  role: Role;
  /** Set for the practitioner role only: the practitioner the token is bound to. */
  practitionerId: string | null;
}
