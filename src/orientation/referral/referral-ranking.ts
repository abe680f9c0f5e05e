import { compareProximity, Place, Proximity, proximity } from '../../common/geo';

export interface AcceptingPractitioner {
  practitionerId: string;
  practice: Place;
  openPlaces: number;
  pendingOffers: number;
  ageMin: number | null;
  ageMax: number | null;
  /** Communes served for new patients; null serves any. */
  communeCodes: string[] | null;
}

export interface ReferralPatient {
  place: Place;
  age: number;
}

export interface RankedPractitioner extends AcceptingPractitioner {
  proximity: Proximity;
}

/** Whether a practitioner can be asked to take this patient now. */
export function canTake(practitioner: AcceptingPractitioner, patient: ReferralPatient): boolean {
  return (
    practitioner.openPlaces > practitioner.pendingOffers &&
    (practitioner.ageMin === null || patient.age >= practitioner.ageMin) &&
    (practitioner.ageMax === null || patient.age <= practitioner.ageMax) &&
    (practitioner.communeCodes === null ||
      practitioner.communeCodes.includes(patient.place.communeCode))
  );
}

/** Nearest first; among equally near, the one with most places left. Already asked ones are out. */
export function rankReferral(
  practitioners: readonly AcceptingPractitioner[],
  patient: ReferralPatient,
  alreadyAsked: ReadonlySet<string>,
): RankedPractitioner[] {
  return practitioners
    .filter(
      (practitioner) =>
        !alreadyAsked.has(practitioner.practitionerId) && canTake(practitioner, patient),
    )
    .map((practitioner) => ({
      ...practitioner,
      proximity: proximity(patient.place, practitioner.practice),
    }))
    .sort(
      (a, b) =>
        compareProximity(a.proximity, b.proximity) ||
        b.openPlaces - b.pendingOffers - (a.openPlaces - a.pendingOffers) ||
        a.practitionerId.localeCompare(b.practitionerId),
    );
}
