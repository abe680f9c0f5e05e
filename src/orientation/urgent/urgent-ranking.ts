import type { ConsultationMode } from '../../common/consultation-mode';
import { compareProximity, Place, Proximity, proximity } from '../../common/geo';
import { isAtRisk } from '../at-risk';

export interface SlotCandidate {
  slotId: string;
  practitionerId: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  practice: Place;
  /** Urgent bookings of the practitioner over the last 7 days (fairness and weekly cap). */
  recentBookings: number;
  weeklyCap: number;
  ownGp: boolean;
}

export interface RankedCandidate extends SlotCandidate {
  proximity: Proximity;
}

export interface SearchSettings {
  baseRadiusKm: number;
  widenEveryMs: number;
  escalateBeforeMs: number;
}

/**
 * How far the search reaches: the base radius at first, doubling every `widenEveryMs`, and the whole
 * territory once the request is close enough to its deadline to be escalated. Null means no limit.
 */
export function searchRadiusKm(
  now: Date,
  createdAt: Date,
  deadlineAt: Date,
  settings: SearchSettings,
): number | null {
  if (isAtRisk(deadlineAt, now, settings.escalateBeforeMs)) return null;
  const steps = Math.max(
    0,
    Math.floor((now.getTime() - createdAt.getTime()) / settings.widenEveryMs),
  );
  return settings.baseRadiusKm * 2 ** Math.min(steps, 10);
}

/** Whether a practice lies within the search radius; without coordinates, by shared area. */
export function withinRadius(place: Proximity, radiusKm: number | null): boolean {
  if (radiusKm === null) return true;
  switch (place.tier) {
    case 'distance':
      return place.km <= radiusKm;
    case 'same_commune':
      return true;
    case 'same_epci':
      return radiusKm >= 20;
    case 'same_department':
    case 'elsewhere':
      return false;
  }
}

/**
 * The urgent protocol's order: the patient's own GP first; then nearest (a few km count as one);
 * then earliest start; then fewest urgent bookings over 7 days, so that no GP gets every patient.
 */
export function compareCandidates(a: RankedCandidate, b: RankedCandidate): number {
  return (
    Number(b.ownGp) - Number(a.ownGp) ||
    compareProximity(a.proximity, b.proximity) ||
    a.startsAt.getTime() - b.startsAt.getTime() ||
    a.recentBookings - b.recentBookings ||
    a.practitionerId.localeCompare(b.practitionerId) ||
    a.slotId.localeCompare(b.slotId)
  );
}

export function rankCandidates(
  candidates: readonly SlotCandidate[],
  patient: Place,
  radiusKm: number | null,
): RankedCandidate[] {
  return candidates
    .filter((candidate) => candidate.recentBookings < candidate.weeklyCap)
    .map((candidate) => ({ ...candidate, proximity: proximity(patient, candidate.practice) }))
    .filter((candidate) => candidate.ownGp || withinRadius(candidate.proximity, radiusKm))
    .sort(compareCandidates);
}

/** Why the first candidate won over the second, in words a coordinator reads. */
export function explainWin(winner: RankedCandidate, runnerUp: RankedCandidate | undefined): string {
  if (winner.ownGp) return "the patient's own GP has a free slot in time";
  if (!runnerUp) return 'the only eligible slot';
  if (compareProximity(winner.proximity, runnerUp.proximity) < 0) {
    return `nearest practice (${describeProximity(winner.proximity)} against ${describeProximity(runnerUp.proximity)})`;
  }
  if (winner.startsAt < runnerUp.startsAt) return 'as near as the others, and the earliest slot';
  if (winner.recentBookings < runnerUp.recentBookings) {
    return `as near and as early, and fewer urgent patients this week (${winner.recentBookings} against ${runnerUp.recentBookings})`;
  }
  return 'equivalent candidates; the tie is broken by identifier';
}

export function describeProximity(place: Proximity): string {
  return place.tier === 'distance' ? `${place.km.toFixed(1)} km` : place.tier.replace('_', ' ');
}
