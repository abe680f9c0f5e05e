import type { BoundingBox, Place } from '../../common/geo';
import { bookedThisWeekSql } from '../recent-bookings';
import { PRACTICE_CENTRE_JOIN } from './practice-places';

/** What the candidates query of one request is asked. */
export interface CandidatesQueryInput {
  minStart: Date;
  deadlineAt: Date;
  modes: readonly string[];
  /** The search radius's bounding box, a prefilter on the practice's position; null for none. */
  box: BoundingBox | null;
  ownGpRpps: string | null;
  patient: Place;
  /** The communes of the patient's EPCI (their practices rank `same_epci` without coordinates). */
  epciMembers: readonly string[];
  radiusKm: number | null;
  limit: number;
}

/** Slots of a practice considered: its later ones always rank below its earliest few. */
export const SLOTS_PER_PRACTICE = 3;

/**
 * The free slots a request could take, ranked in SQL exactly as `rankCandidates` ranks them (own
 * GP first; proximity tier, then distance beyond NEARBY_KM; start; weekly bookings; ids), and only
 * the first `limit`, which the caller ranks again with `rankCandidates` (test/matching-order.test.ts
 * holds the two orders equal). Each practice's weekly bookings are counted per candidate, after the
 * slots are chosen, from the index appointment_recent_by_practitioner (practitioner_id, created_at),
 * newest first and only up to the weekly cap (a practice at its cap is out, so below it the count is
 * exact). On fresh, un-analysed tables every index guesses one row, and the partial index
 * appointment_recent_by_cpts (cpts_id, created_at) WHERE status = 'booked', which row-level
 * security's cpts_id predicate matches, tied with it and won: it was then read whole for every
 * candidate. `status || ''` keeps the planner from proving that partial index's predicate, so the
 * practitioner's own index is the only one left whatever the statistics say (the order it gives for
 * free beats a sequential scan and its sort); test/matching-plan.test.ts holds it. Each practice's
 * earliest slots are read from the index slot_free_by_practitioner_start (practitioner_id, starts_at)
 * WHERE status = 'free', a few rows per practice, rather than every free slot of the CPTS ranked by a
 * window: a CPTS of 150 GPs with 21,000 free slots over 48 hours took 100 to 130 ms the other way.
 * A practice's commune centre is read only where needed (PRACTICE_CENTRE_JOIN).
 *
 * A practice's département is derived from its commune code (3 characters from 97 on, else 2),
 * which is what the referential says for every current commune (practices are validated against it).
 */
const CANDIDATES_SQL = `
  WITH eligible AS (
    SELECT s.id AS "slotId", p.id AS "practitionerId", p.rpps, s.starts_at AS "startsAt",
           s.ends_at AS "endsAt", s.mode, p.commune_code AS "communeCode", p.latitude, p.longitude,
           c.latitude AS "centreLatitude", c.longitude AS "centreLongitude",
           p.weekly_urgent_cap AS "weeklyCap"
      FROM practitioner p
      ${PRACTICE_CENTRE_JOIN}
     CROSS JOIN LATERAL (
       SELECT s.id, s.starts_at, s.ends_at, s.mode
         FROM slot s
        WHERE s.practitioner_id = p.id AND s.status = 'free'
          AND s.starts_at >= $1 AND s.starts_at < $2 AND s.mode = ANY($3)
        ORDER BY s.starts_at
        LIMIT ${SLOTS_PER_PRACTICE}) s
     WHERE p.active
       AND ($4::float8 IS NULL OR p.rpps = $8
            OR CASE WHEN p.latitude IS NOT NULL AND p.longitude IS NOT NULL
                    THEN p.latitude BETWEEN $4 AND $5 AND p.longitude BETWEEN $6 AND $7
                    ELSE c.code IS NULL OR (c.latitude BETWEEN $4 AND $5 AND c.longitude BETWEEN $6 AND $7)
               END)
  ), placed AS (
    SELECT e.*, e.rpps IS NOT DISTINCT FROM $8 AS "ownGp",
           CASE WHEN e.latitude IS NOT NULL AND e.longitude IS NOT NULL THEN e.latitude
                ELSE e."centreLatitude" END AS "pointLatitude",
           CASE WHEN e.latitude IS NOT NULL AND e.longitude IS NOT NULL THEN e.longitude
                ELSE e."centreLongitude" END AS "pointLongitude"
      FROM eligible e
  ), measured AS (
    SELECT x.*,
           CASE WHEN $9::float8 IS NOT NULL AND x."pointLatitude" IS NOT NULL THEN
             2 * 6371 * asin(least(1, sqrt(
               sin(radians(x."pointLatitude" - $9) / 2) ^ 2
               + cos(radians($9)) * cos(radians(x."pointLatitude"))
                 * sin(radians(x."pointLongitude" - $10) / 2) ^ 2)))
           END AS km
      FROM placed x
  ), tiered AS (
    SELECT m.*,
           CASE WHEN m.km IS NOT NULL THEN 'distance'
                WHEN m."communeCode" = $11 THEN 'same_commune'
                WHEN $12::text IS NOT NULL AND m."communeCode" = ANY($13) THEN 'same_epci'
                WHEN CASE WHEN m."communeCode" >= '97' THEN left(m."communeCode", 3)
                          ELSE left(m."communeCode", 2) END = $14 THEN 'same_department'
                ELSE 'elsewhere' END AS tier
      FROM measured m
  )
  SELECT t."slotId", t."practitionerId", t.rpps, t."startsAt", t."endsAt", t.mode, t."communeCode",
         t.latitude, t.longitude, t."centreLatitude", t."centreLongitude", t."weeklyCap",
         recent.n AS "recentBookings"
    FROM tiered t
   CROSS JOIN LATERAL (
     SELECT count(*)::int AS n FROM (
       SELECT FROM appointment a
        WHERE a.practitioner_id = t."practitionerId" AND ${bookedThisWeekSql('a')}
        ORDER BY a.created_at DESC
        LIMIT t."weeklyCap") capped
   ) recent
   WHERE recent.n < t."weeklyCap"
     AND (t."ownGp" OR $15::float8 IS NULL
          OR CASE t.tier WHEN 'distance' THEN t.km <= $15
                         WHEN 'same_commune' THEN true
                         WHEN 'same_epci' THEN $15 >= 20
                         ELSE false END)
   ORDER BY t."ownGp" DESC,
            CASE t.tier WHEN 'same_epci' THEN 1 WHEN 'same_department' THEN 2
                        WHEN 'elsewhere' THEN 3 ELSE 0 END,
            CASE WHEN t.km > 5 THEN t.km ELSE 0 END,
            t."startsAt", recent.n, t."practitionerId", t."slotId"
   LIMIT $16`;

export function candidatesQuery(input: CandidatesQueryInput): {
  sql: string;
  parameters: unknown[];
} {
  const { box, patient } = input;
  return {
    sql: CANDIDATES_SQL,
    parameters: [
      input.minStart,
      input.deadlineAt,
      input.modes,
      box?.south ?? null,
      box?.north ?? null,
      box?.west ?? null,
      box?.east ?? null,
      input.ownGpRpps,
      patient.point?.latitude ?? null,
      patient.point?.longitude ?? null,
      patient.communeCode,
      patient.epciCode,
      input.epciMembers,
      patient.department,
      input.radiusKm,
      input.limit,
    ],
  };
}
