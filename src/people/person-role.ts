export const PERSON_ROLES = ['coordinator', 'operator', 'practitioner'] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];
