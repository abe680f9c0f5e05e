const DAY_MS = 24 * 60 * 60_000;

/** The GP is asked to confirm this long before their declaration lapses (less when it is short). */
export function capacityNudgeLeadMs(confirmEveryMs: number): number {
  return Math.min(3 * DAY_MS, Math.floor(confirmEveryMs / 2));
}

/** When a new-patient declaration made at `updatedAt` stops counting. */
export function capacityExpiresAt(updatedAt: Date, confirmEveryMs: number): Date {
  return new Date(updatedAt.getTime() + confirmEveryMs);
}

/**
 * A GP who said they take new patients and has not said so again for CAPACITY_CONFIRM_EVERY no
 * longer counts as accepting; a declaration without a date has lapsed. A "no" never lapses.
 */
export function capacityExpired(
  declaredAccepting: boolean,
  updatedAt: Date | null,
  now: Date,
  confirmEveryMs: number,
): boolean {
  if (!declaredAccepting) return false;
  return updatedAt === null || capacityExpiresAt(updatedAt, confirmEveryMs) <= now;
}

/**
 * SQL: the practitioner `alias` currently accepts new patients (declared so, recently enough).
 * `confirmEveryMs` comes from the configuration, never from a caller.
 */
export function acceptingNowSql(alias: string, confirmEveryMs: number): string {
  const seconds = Math.floor(confirmEveryMs / 1000);
  return `(${alias}.accepting_new_patients AND ${alias}.capacity_updated_at > now() - make_interval(secs => ${seconds}))`;
}
