import type { Place } from '../../common/geo';
import { AcceptingPractitioner, rankReferral } from './referral-ranking';

const AURAY: Place = {
  communeCode: '56007',
  epciCode: 'E1',
  department: '56',
  point: { latitude: 47.668, longitude: -2.982 },
};
const CARNAC: Place = {
  communeCode: '56034',
  epciCode: 'E1',
  department: '56',
  point: { latitude: 47.584, longitude: -3.078 },
};

function gp(id: string, overrides: Partial<AcceptingPractitioner> = {}): AcceptingPractitioner {
  return {
    practitionerId: id,
    practice: AURAY,
    openPlaces: 2,
    pendingOffers: 0,
    ageMin: null,
    ageMax: null,
    communeCodes: null,
    ...overrides,
  };
}

describe('rankReferral', () => {
  const patient = { place: AURAY, age: 45 };

  it('ranks nearest first, then most places left', () => {
    const ranked = rankReferral(
      [gp('far', { practice: CARNAC, openPlaces: 9 }), gp('few'), gp('many', { openPlaces: 5 })],
      patient,
      new Set(),
    );
    expect(ranked.map((p) => p.practitionerId)).toEqual(['many', 'few', 'far']);
  });

  it('leaves out the already asked, the full, and those not serving this age or commune', () => {
    const ranked = rankReferral(
      [
        gp('asked'),
        gp('full', { openPlaces: 1, pendingOffers: 1 }),
        gp('children', { ageMax: 16 }),
        gp('elsewhere', { communeCodes: ['56034'] }),
        gp('ok', { ageMin: 18, ageMax: 70, communeCodes: ['56007'] }),
      ],
      patient,
      new Set(['asked']),
    );
    expect(ranked.map((p) => p.practitionerId)).toEqual(['ok']);
  });
});
