export interface GeoPoint {
  latitude: number;
  longitude: number;
}

export interface Place {
  communeCode: string;
  epciCode: string | null;
  department: string;
  point: GeoPoint | null;
}

export type Proximity =
  | { tier: 'distance'; km: number }
  | { tier: 'same_commune' | 'same_epci' | 'same_department' | 'elsewhere'; km: null };

const EARTH_RADIUS_KM = 6371;
const NEARBY_KM = 5;

/** Great-circle (haversine) distance in kilometres. */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLatitude = toRadians(b.latitude - a.latitude);
  const dLongitude = toRadians(b.longitude - a.longitude);
  const h =
    Math.sin(dLatitude / 2) ** 2 +
    Math.cos(toRadians(a.latitude)) *
      Math.cos(toRadians(b.latitude)) *
      Math.sin(dLongitude / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface BoundingBox {
  south: number;
  north: number;
  west: number;
  east: number;
}

const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;

/** A latitude/longitude box holding every point within `km` of `centre` (a little wider, never narrower). */
export function boundingBox(centre: GeoPoint, km: number): BoundingBox {
  const latitudeDelta = (km / KM_PER_DEGREE) * 1.01;
  const widest = Math.min(89.9, Math.abs(centre.latitude) + latitudeDelta);
  const longitudeDelta = Math.min(180, latitudeDelta / Math.cos(toRadians(widest)));
  return {
    south: centre.latitude - latitudeDelta,
    north: centre.latitude + latitudeDelta,
    west: centre.longitude - longitudeDelta,
    east: centre.longitude + longitudeDelta,
  };
}

/** How close a practice is to a patient: by distance when both points are known, else by area. */
export function proximity(patient: Place, practice: Place): Proximity {
  if (patient.point && practice.point) {
    return { tier: 'distance', km: distanceKm(patient.point, practice.point) };
  }
  return { tier: sharedAreaTier(patient, practice), km: null };
}

/** Sort comparator: nearest first. */
export function compareProximity(a: Proximity, b: Proximity): number {
  return rank(a) - rank(b) || rankKm(a) - rankKm(b);
}

function sharedAreaTier(patient: Place, practice: Place): Exclude<Proximity['tier'], 'distance'> {
  if (patient.communeCode === practice.communeCode) return 'same_commune';
  if (patient.epciCode !== null && patient.epciCode === practice.epciCode) return 'same_epci';
  if (patient.department === practice.department) return 'same_department';
  return 'elsewhere';
}

const TIER_RANK: Record<Proximity['tier'], number> = {
  distance: 0,
  same_commune: 0,
  same_epci: 1,
  same_department: 2,
  elsewhere: 3,
};

function rank(proximity: Proximity): number {
  return TIER_RANK[proximity.tier];
}

// Within a few km travel barely differs, so those practices tie with the patient's own commune and
// the caller's fairness rules choose among them; a measured distance beats any area-based guess.
function rankKm(proximity: Proximity): number {
  if (proximity.tier !== 'distance' || proximity.km <= NEARBY_KM) return 0;
  return proximity.km;
}

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}
