/**
 * `full`: everything the person's role allows. `practitioner_link`: opened from a link in a
 * message to a GP, it reaches only that GP's availability and offers (routes marked @LinkScope()).
 */
export const SESSION_SCOPES = ['full', 'practitioner_link'] as const;
export type SessionScope = (typeof SESSION_SCOPES)[number];
