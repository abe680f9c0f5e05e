import type { Place } from '../../common/geo';
import { explainWin, rankCandidates, searchRadiusKm, SlotCandidate } from './urgent-ranking';

const AURAY: Place = {
  communeCode: '56007',
  epciCode: 'E1',
  department: '56',
  point: { latitude: 47.668, longitude: -2.982 },
};
const QUIBERON: Place = {
  communeCode: '56186',
  epciCode: 'E1',
  department: '56',
  point: { latitude: 47.484, longitude: -3.12 },
};
const NO_POINT_SAME_EPCI: Place = {
  communeCode: '56024',
  epciCode: 'E1',
  department: '56',
  point: null,
};

function slot(overrides: Partial<SlotCandidate>): SlotCandidate {
  return {
    slotId: overrides.slotId ?? 's',
    practitionerId: 'p',
    startsAt: new Date('2027-01-05T09:00:00Z'),
    endsAt: new Date('2027-01-05T09:20:00Z'),
    mode: 'in_person',
    practice: AURAY,
    recentBookings: 0,
    weeklyCap: 20,
    ownGp: false,
    ...overrides,
  };
}

describe('searchRadiusKm', () => {
  const settings = {
    baseRadiusKm: 10,
    widenEveryMs: 6 * 3_600_000,
    escalateBeforeMs: 12 * 3_600_000,
  };
  const created = new Date('2027-01-05T08:00:00Z');
  const deadline = new Date('2027-01-07T08:00:00Z');

  it('starts at the base radius, doubles at each step, and opens at escalation', () => {
    expect(searchRadiusKm(created, created, deadline, settings)).toBe(10);
    expect(searchRadiusKm(new Date('2027-01-05T14:00:00Z'), created, deadline, settings)).toBe(20);
    expect(searchRadiusKm(new Date('2027-01-06T02:00:00Z'), created, deadline, settings)).toBe(80);
    expect(
      searchRadiusKm(new Date('2027-01-06T20:00:00Z'), created, deadline, settings),
    ).toBeNull();
  });
});

describe('rankCandidates', () => {
  it("puts the patient's own GP first, even farther and later", () => {
    const ranked = rankCandidates(
      [
        slot({ slotId: 'near', practitionerId: 'a' }),
        slot({
          slotId: 'own',
          practitionerId: 'b',
          practice: QUIBERON,
          ownGp: true,
          startsAt: new Date('2027-01-05T15:00:00Z'),
        }),
      ],
      AURAY,
      10,
    );
    expect(ranked.map((c) => c.slotId)).toEqual(['own', 'near']);
  });

  it('orders by proximity, then earliest start, then fewest recent bookings', () => {
    const ranked = rankCandidates(
      [
        slot({ slotId: 'far', practitionerId: 'a', practice: QUIBERON }),
        slot({ slotId: 'late', practitionerId: 'b', startsAt: new Date('2027-01-05T10:00:00Z') }),
        slot({ slotId: 'busy', practitionerId: 'c', recentBookings: 5 }),
        slot({ slotId: 'quiet', practitionerId: 'd', recentBookings: 1 }),
      ],
      AURAY,
      null,
    );
    expect(ranked.map((c) => c.slotId)).toEqual(['quiet', 'busy', 'late', 'far']);
    expect(explainWin(ranked[0], ranked[1])).toMatch(
      /fewer urgent patients this week \(1 against 5\)/,
    );
  });

  it('leaves out practitioners at their weekly cap and practices beyond the radius', () => {
    const ranked = rankCandidates(
      [
        slot({ slotId: 'capped', recentBookings: 20, weeklyCap: 20 }),
        slot({ slotId: 'far', practice: QUIBERON }),
        slot({ slotId: 'epci-no-point', practice: NO_POINT_SAME_EPCI }),
      ],
      AURAY,
      10,
    );
    expect(ranked).toEqual([]);
    expect(
      rankCandidates([slot({ slotId: 'epci-no-point', practice: NO_POINT_SAME_EPCI })], AURAY, 20),
    ).toHaveLength(1);
  });
});
