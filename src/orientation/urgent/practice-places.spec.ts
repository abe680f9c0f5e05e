import type { CommuneRecord } from '../../territory/commune-referential';
import { practicePlace } from './practice-places';

const AURAY: CommuneRecord = {
  code: '56007',
  name: 'Auray',
  postalCodes: ['56400'],
  epciCode: '200043123',
  department: '56',
};
const practice = {
  communeCode: '56007',
  latitude: null,
  longitude: null,
  centreLatitude: null,
  centreLongitude: null,
};

describe('practicePlace', () => {
  it("uses the practice's own position first, else its commune's centre", () => {
    expect(
      practicePlace(AURAY, {
        ...practice,
        latitude: 47.67,
        longitude: -2.99,
        centreLatitude: 47.668,
        centreLongitude: -2.982,
      }).point,
    ).toEqual({ latitude: 47.67, longitude: -2.99 });
    expect(
      practicePlace(AURAY, { ...practice, centreLatitude: 47.668, centreLongitude: -2.982 }).point,
    ).toEqual({ latitude: 47.668, longitude: -2.982 });
  });

  it('falls back to the areas of the commune without any position', () => {
    expect(practicePlace(AURAY, practice)).toEqual({
      communeCode: '56007',
      epciCode: '200043123',
      department: '56',
      point: null,
    });
    expect(practicePlace(undefined, { ...practice, communeCode: '2A004' })).toMatchObject({
      epciCode: null,
      department: '2A',
    });
  });
});
