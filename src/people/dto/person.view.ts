import type { PersonRole } from '../../access/person-role';

/** A person who signs in (coordinator, operator, practitioner). */
export class PersonView {
  id!: string;
  email!: string;
  displayName!: string;
  role!: PersonRole;
  rpps!: string | null;
  practitionerId!: string | null;
  active!: boolean;
  createdAt!: string;
}

export class PersonPage {
  items!: PersonView[];
  nextCursor!: string | null;
}
