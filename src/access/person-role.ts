export const PERSON_ROLES = ['coordinator', 'operator', 'practitioner', 'regulator'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
