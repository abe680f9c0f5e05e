import { distanceKm } from '../src/common/geo';
import { loadCommuneReferential } from '../src/territory/commune-referential';
import { layOutCommunes } from './commune-layout';

describe('layOutCommunes', () => {
  const communes = loadCommuneReferential();
  const placed = layOutCommunes(communes);
  const byCode = new Map(placed.map((commune) => [commune.code, commune]));

  it('places every commune of the referential once, inside metropolitan France', () => {
    expect(placed).toHaveLength(communes.length);
    expect(byCode.size).toBe(communes.length);
    for (const { latitude, longitude } of placed) {
      expect(latitude).toBeGreaterThan(42.4);
      expect(latitude).toBeLessThan(51);
      expect(longitude).toBeGreaterThan(-4.6);
      expect(longitude).toBeLessThan(7.8);
    }
  });

  it('keeps consecutive communes a few km apart and départements about 100 km apart', () => {
    const gaps = placed
      .slice(1)
      .map((commune, index) => ({ commune, previous: placed[index] }))
      .filter(({ commune, previous }) => commune.department === previous.department)
      .map(({ commune, previous }) => distanceKm(commune, previous))
      .sort((a, b) => a - b);
    expect(gaps[Math.floor(gaps.length / 2)]).toBeLessThan(10);
    expect(distanceKm(byCode.get('56007')!, byCode.get('69123')!)).toBeGreaterThan(100);
  });
});
