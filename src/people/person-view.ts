import { PersonView } from './dto/person.view';
import type { Person } from './person.entity';

export { PersonView };

export function personView(person: Person): PersonView {
  return {
    id: person.id,
    email: person.email,
    displayName: person.displayName,
    role: person.role,
    rpps: person.rpps,
    practitionerId: person.practitionerId,
    active: person.active,
    createdAt: person.createdAt.toISOString(),
  };
}

/** The page a person lands on after signing in, when the link named none. */
export function homePage(person: Pick<Person, 'role'>): string {
  return HOME_PAGES[person.role];
}

const HOME_PAGES: Record<Person['role'], string> = {
  coordinator: '/dashboard',
  operator: '/plateforme',
  practitioner: '/medecin',
  // A regulator arrives through a GP's booking link; without one there is nothing to show.
  regulator: '/connexion',
};
