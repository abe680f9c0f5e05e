import type { Role } from '../../access/role';
import type { SessionScope } from '../../access/session-scope';

/** Who the caller is; for a person, the CSRF token to send in X-CSRF-Token on writes. */
export class SessionView {
  role!: Role;
  scope!: SessionScope;
  practitionerId!: string | null;
  cpts!: { id: string; slug: string; name: string };
  person?: { id: string | null; displayName: string | null; email: string | null };
  csrfToken?: string;
  expiresAt?: Date;
}
