/**
 * An open request is at risk once no more than `escalateBeforeMs` is left before its deadline: the
 * coordinators are alerted, its search reaches the whole territory, and their lists show it.
 */
export function riskHorizon(now: Date, escalateBeforeMs: number): Date {
  return new Date(now.getTime() + escalateBeforeMs);
}

export function isAtRisk(deadlineAt: Date, now: Date, escalateBeforeMs: number): boolean {
  return deadlineAt <= riskHorizon(now, escalateBeforeMs);
}

/** SQL: `deadline` (a column) is at risk now, by the database's clock. */
export function atRiskSql(deadline: string, escalateBeforeMs: number): string {
  return `${deadline} <= now() + make_interval(secs => ${escalateBeforeMs / 1000})`;
}
