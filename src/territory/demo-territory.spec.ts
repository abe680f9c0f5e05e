import { distanceKm, GeoPoint } from '../common/geo';
import { CommuneRecord, loadCommuneReferential } from './commune-referential';
import { DEMO_COMMUNES, DEMO_CPTS } from './demo-territory';

const AURAY_CENTRE: GeoPoint = { latitude: 47.668, longitude: -2.982 };

describe('demo territory', () => {
  let byCode: Map<string, CommuneRecord>;
  let aurayEpci: string | null | undefined;

  beforeAll(() => {
    byCode = new Map(loadCommuneReferential().map((commune) => [commune.code, commune]));
    aurayEpci = byCode.get('56007')?.epciCode;
  });

  it('names the demo CPTS', () => {
    expect(DEMO_CPTS).toEqual({ slug: 'pays-auray', name: "CPTS du Pays d'Auray" });
  });

  it('lists each commune once', () => {
    const codes = DEMO_COMMUNES.map((commune) => commune.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(DEMO_COMMUNES)('$code $name is in the referential under that name', ({ code, name }) => {
    expect(byCode.get(code)?.name).toBe(name);
  });

  it('is exactly the EPCI of Auray', () => {
    expect(aurayEpci).toEqual(expect.any(String));
    const members = [...byCode.values()].filter((commune) => commune.epciCode === aurayEpci);
    const memberCodes = members.map((commune) => commune.code).sort();
    expect(DEMO_COMMUNES.map((commune) => commune.code).sort()).toEqual(memberCodes);
  });

  // Hœdic, the farthest island, lies about 37 km out at sea from Auray.
  it.each(DEMO_COMMUNES)('$name lies within 40 km of Auray', ({ latitude, longitude }) => {
    expect(distanceKm(AURAY_CENTRE, { latitude, longitude })).toBeLessThan(40);
  });
});
