export const MONITORING_STATES = ['at_risk', 'unmet', 'pending'] as const;
export type MonitoringState = (typeof MONITORING_STATES)[number];

const MINUTE_MS = 60_000;

/**
 * Whole minutes left before a deadline, rounded down so that "0" is never shown while time
 * is already up; negative once the deadline has passed.
 */
export function minutesLeft(deadline: Date, now: Date): number {
  return Math.floor((deadline.getTime() - now.getTime()) / MINUTE_MS);
}

/**
 * Open requests come nearest deadline first: the one to act on is at the top. Unmet ones come
 * latest deadline first: the coordinator looks at what just failed, not at last year's.
 */
export function deadlineOrder(state: MonitoringState): 'ASC' | 'DESC' {
  return state === 'unmet' ? 'DESC' : 'ASC';
}
