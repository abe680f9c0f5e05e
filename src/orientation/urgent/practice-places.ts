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
