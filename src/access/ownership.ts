import { DomainError } from '../common/domain-error';
import type { Caller } from './role';

/** A practitioner token only ever reaches its own practitioner; other roles reach any in their CPTS. */
export function assertCanActAsPractitioner(caller: Caller, practitionerId: string): void {
  if (caller.role === 'practitioner' && caller.practitionerId !== practitionerId) {
    throw DomainError.forbidden('A practitioner token only reaches its own practitioner.');
  }
}
