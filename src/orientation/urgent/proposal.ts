import type { Proximity } from '../../common/geo';
import { compareProximity } from '../../common/geo';
import type { RankedCandidate } from './urgent-ranking';

/** Where the practice lies for the patient, as an operator says it on the phone. */
export function proximityWords(place: Proximity): string {
  switch (place.tier) {
    case 'distance':
      return `à ${place.km.toFixed(1).replace('.', ',')} km`;
    case 'same_commune':
      return 'dans sa commune';
    case 'same_epci':
      return 'dans son intercommunalité';
    case 'same_department':
      return 'dans son département';
    case 'elsewhere':
      return 'hors de son département';
  }
}

/** Why the proposed slot comes first, against the next one, in French for the operator. */
export function proposalReason(
  proposed: RankedCandidate,
  next: RankedCandidate | undefined,
): string {
  const where = proximityWords(proposed.proximity);
  if (proposed.ownGp) return `Son médecin traitant, ${where}`;
  if (!next) return `Le seul créneau possible, ${where}`;
  if (compareProximity(proposed.proximity, next.proximity) < 0) return `Le plus proche, ${where}`;
  if (proposed.startsAt < next.startsAt) return `Le plus tôt parmi les plus proches, ${where}`;
  if (proposed.recentBookings < next.recentBookings) {
    return `Aussi proche et aussi tôt, médecin moins sollicité cette semaine, ${where}`;
  }
  return `Équivalent aux suivants, ${where}`;
}

/** What an alternative is, in a few words. */
export function alternativeReason(candidate: RankedCandidate): string {
  const where = proximityWords(candidate.proximity);
  return candidate.ownGp
    ? `Son médecin traitant, ${where}`
    : where[0].toUpperCase() + where.slice(1);
}

export function distanceKm(candidate: RankedCandidate): number | null {
  return candidate.proximity.tier === 'distance' ? Number(candidate.proximity.km.toFixed(1)) : null;
}
