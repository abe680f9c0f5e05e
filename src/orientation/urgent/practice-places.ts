import { EntityManager } from 'typeorm';

import type { Place } from '../../common/geo';
import type { CommuneRecord } from '../../territory/communes.service';
import { CommunesService } from '../../territory/communes.service';

/** A practice as the matching queries read it: its own position, and its commune's centre. */
export interface Located {
  communeCode: string;
  latitude: number | null;
  longitude: number | null;
  centreLatitude: number | null;
  centreLongitude: number | null;
}

/**
 * `LEFT JOIN` of practice `p`'s commune centre as `c` (code, latitude, longitude), for the matching
 * queries. The centre is read by primary key, and only for a practice without a position of its own,
 * the only one `practicePlace` uses it for. Joined as a table, the candidates query's generic plan
 * hashed all 35,000 centres of France for every request: 4.4 ms of a warm run's 4.4 on the national
 * bench dataset, 0.4 ms this way. `LIMIT 1` keeps the planner from turning the lookup back into
 * that join.
 */
export const PRACTICE_CENTRE_JOIN = `
  LEFT JOIN LATERAL (
    SELECT c.code, c.latitude, c.longitude
      FROM commune_centre c
     WHERE c.code = p.commune_code AND (p.latitude IS NULL OR p.longitude IS NULL)
     LIMIT 1) c ON true`;

/** Where a practice lies for proximity: its own coordinates, else its commune's centre if known. */
export function practicePlace(commune: CommuneRecord | undefined, practice: Located): Place {
  const point =
    practice.latitude !== null && practice.longitude !== null
      ? { latitude: practice.latitude, longitude: practice.longitude }
      : practice.centreLatitude !== null && practice.centreLongitude !== null
        ? { latitude: practice.centreLatitude, longitude: practice.centreLongitude }
        : null;
  return {
    communeCode: practice.communeCode,
    epciCode: commune?.epciCode ?? null,
    department: commune?.department ?? practice.communeCode.slice(0, 2),
    point,
  };
}

/** Where a patient lives, for proximity: their commune, its EPCI, département and centre if known. */
export async function patientPlace(
  communes: CommunesService,
  manager: EntityManager,
  communeCode: string,
): Promise<Place> {
  return (
    (await communes.place(communeCode, manager)) ?? {
      communeCode,
      epciCode: null,
      department: communeCode.slice(0, 2),
      point: null,
    }
  );
}
