import {
  boundingBox,
  compareProximity,
  distanceKm,
  GeoPoint,
  Place,
  Proximity,
  proximity,
} from './geo';

const AURAY: GeoPoint = { latitude: 47.668, longitude: -2.982 };
const QUIBERON: GeoPoint = { latitude: 47.484, longitude: -3.12 };

function place(overrides: Partial<Place> = {}): Place {
  return {
    communeCode: '56007',
    epciCode: '200043123',
    department: '56',
    point: null,
    ...overrides,
  };
}

function km(value: number): Proximity {
  return { tier: 'distance', km: value };
}

function area(tier: Exclude<Proximity['tier'], 'distance'>): Proximity {
  return { tier, km: null };
}

describe('distanceKm', () => {
  it('measures Auray to Quiberon as about 23 km', () => {
    expect(distanceKm(AURAY, QUIBERON)).toBeGreaterThanOrEqual(22);
    expect(distanceKm(AURAY, QUIBERON)).toBeLessThanOrEqual(24);
  });

  it('is symmetric and zero for the same point', () => {
    expect(distanceKm(QUIBERON, AURAY)).toBeCloseTo(distanceKm(AURAY, QUIBERON), 9);
    expect(distanceKm(AURAY, AURAY)).toBe(0);
  });

  it('measures a degree of latitude as about 111 km', () => {
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 1, longitude: 0 })).toBeCloseTo(
      111.19,
      1,
    );
  });

  it('stays finite for antipodal points', () => {
    const far = distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 });
    expect(far).toBeCloseTo(Math.PI * 6371, 6);
  });
});

describe('proximity', () => {
  it('uses the distance when both points are known', () => {
    const result = proximity(
      place({ point: AURAY }),
      place({ communeCode: '56186', point: QUIBERON }),
    );
    expect(result.tier).toBe('distance');
    expect(result.km).toBeCloseTo(distanceKm(AURAY, QUIBERON), 9);
  });

  it('falls back to the shared commune when a point is missing', () => {
    expect(proximity(place({ point: AURAY }), place())).toEqual(area('same_commune'));
  });

  it('falls back to the shared EPCI, then département, then elsewhere', () => {
    const patient = place();
    expect(proximity(patient, place({ communeCode: '56186' }))).toEqual(area('same_epci'));
    expect(proximity(patient, place({ communeCode: '56260', epciCode: '200067932' }))).toEqual(
      area('same_department'),
    );
    expect(
      proximity(patient, place({ communeCode: '29019', epciCode: '242900314', department: '29' })),
    ).toEqual(area('elsewhere'));
  });

  it('never matches an EPCI that both sides lack', () => {
    const islander = place({ communeCode: '29155', epciCode: null, department: '29' });
    const other = place({ communeCode: '29083', epciCode: null, department: '29' });
    expect(proximity(islander, other)).toEqual(area('same_department'));
  });
});

describe('compareProximity', () => {
  function sorted(items: Proximity[]): Proximity[] {
    return [...items].sort(compareProximity);
  }

  it('sorts known distances by km beyond 5 km', () => {
    expect(sorted([km(30), km(8), km(12)])).toEqual([km(8), km(12), km(30)]);
  });

  it('counts 5 km or less as good as the same commune', () => {
    expect(compareProximity(km(0.5), area('same_commune'))).toBe(0);
    expect(compareProximity(km(5), km(1))).toBe(0);
    expect(compareProximity(km(5.1), area('same_commune'))).toBeGreaterThan(0);
  });

  it('ranks the tiers: distance or commune, EPCI, département, elsewhere', () => {
    const expected = [
      area('same_commune'),
      km(40),
      area('same_epci'),
      area('same_department'),
      area('elsewhere'),
    ];
    expect(sorted([...expected].reverse())).toEqual(expected);
  });

  it('is antisymmetric', () => {
    const items = [km(2), km(9), area('same_commune'), area('same_epci'), area('elsewhere')];
    for (const a of items) {
      for (const b of items) {
        expect(Math.sign(compareProximity(a, b))).toBe(-Math.sign(compareProximity(b, a)) || 0);
      }
    }
  });
});

describe('boundingBox', () => {
  it('holds every point of the circle, and not much more', () => {
    const box = boundingBox(AURAY, 10);
    for (let bearing = 0; bearing < 360; bearing += 5) {
      const radians = (bearing * Math.PI) / 180;
      const edge = {
        latitude: AURAY.latitude + (9.99 / 111.195) * Math.cos(radians),
        longitude:
          AURAY.longitude +
          ((9.99 / 111.195) * Math.sin(radians)) / Math.cos((AURAY.latitude * Math.PI) / 180),
      };
      expect(distanceKm(AURAY, edge)).toBeLessThan(10.05);
      expect(edge.latitude).toBeGreaterThanOrEqual(box.south);
      expect(edge.latitude).toBeLessThanOrEqual(box.north);
      expect(edge.longitude).toBeGreaterThanOrEqual(box.west);
      expect(edge.longitude).toBeLessThanOrEqual(box.east);
    }
    expect(distanceKm(AURAY, { latitude: box.north, longitude: AURAY.longitude })).toBeLessThan(
      10.2,
    );
    expect(distanceKm(QUIBERON, AURAY)).toBeGreaterThan(10);
    expect(QUIBERON.latitude).toBeLessThan(box.south);
  });

  it('covers every longitude when the radius reaches around the globe', () => {
    const box = boundingBox(AURAY, 10_240);
    expect(box.east - box.west).toBeGreaterThanOrEqual(360);
  });
});
