/** Today's floor: what a default limit (10 a second) has always had. */
const MIN_IN_FLIGHT = 8;
/** Bounds the jobs one worker holds (their rows, renders, and PostgreSQL waits on failures). */
const MAX_IN_FLIGHT = 128;

/**
 * How many of a channel's sends one worker runs at once: a second's worth of its rate limit, so
 * that the limit, not the wait for each provider call (or for each commit), is what bounds a
 * burst. Each job's claim and record share statements with the others in flight, so more in flight
 * also means fewer statements per message.
 */
export function deliveryConcurrency(perSecond: number): number {
  return Math.min(MAX_IN_FLIGHT, Math.max(MIN_IN_FLIGHT, Math.ceil(perSecond)));
}
