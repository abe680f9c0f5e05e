import type { TokenRole } from '../role';

/** A token just made: `token` is shown this once, only its hash is stored. */
export class IssuedToken {
  id!: string;
  token!: string;
  role!: TokenRole;
  label!: string;
  practitionerId!: string | null;
}

export class AccessTokenView {
  id!: string;
  role!: TokenRole;
  label!: string;
  practitionerId!: string | null;
  createdAt!: Date;
  revokedAt!: Date | null;
}

export class AccessTokenPage {
  items!: AccessTokenView[];
  nextCursor!: string | null;
}
