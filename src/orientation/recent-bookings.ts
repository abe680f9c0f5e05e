/**
 * SQL: the appointment `alias` counts toward its practitioner's weekly urgent cap and fairness
 * ranking: booked within the last 7 days. `status || ''` keeps the planner on the index
 * appointment_recent_by_practitioner (see candidates-query.ts).
 */
export function bookedThisWeekSql(alias: string): string {
  return `${alias}.created_at > now() - interval '7 days' AND ${alias}.status || '' = 'booked'`;
}
