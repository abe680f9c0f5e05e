import { computeIndicators, dailyCounts, RequestFact, SupplyFacts } from './indicators';
import {
  csvFileName,
  frenchNumber,
  frenchPercent,
  indicatorsCsv,
  wantsCsv,
} from './indicators-csv';

const at = (iso: string) => new Date(iso);
const period = { from: at('2027-03-27T23:00:00Z'), to: at('2027-03-30T22:00:00Z') };

function fact(overrides: Partial<RequestFact>): RequestFact {
  return {
    kind: 'urgent',
    status: 'pending',
    unmetReason: null,
    communeCode: '56007',
    createdAt: at('2027-03-28T08:00:00Z'),
    assignedAt: null,
    late: false,
    firstBookedAt: null,
    firstStartsAt: null,
    outcome: null,
    ...overrides,
  };
}

const supply: SupplyFacts = {
  offers: { accepted: 1, declined: 2, expired: 1, pending: 1 },
  slotsPublished: 8,
  slotsBooked: 3,
  participatingPractitioners: 2,
  activePractitioners: 3,
  stalePractitioners: 1,
  notifications: { sent: 5, failed: 1 },
};

const requests = [
  fact({
    status: 'booked',
    firstBookedAt: at('2027-03-28T08:10:00Z'),
    firstStartsAt: at('2027-03-28T10:00:00Z'),
    outcome: 'honoured',
  }),
  fact({
    status: 'booked',
    firstBookedAt: at('2027-03-28T08:30:00Z'),
    firstStartsAt: at('2027-03-29T20:00:00Z'),
    outcome: 'no_show',
  }),
  fact({ status: 'unmet', unmetReason: 'no_slot_for_mode', communeCode: '56186' }),
  fact({
    status: 'unmet',
    unmetReason: 'no_slot_in_territory',
    communeCode: '56186',
    createdAt: at('2027-03-29T09:00:00Z'),
  }),
  fact({
    kind: 'referring_physician',
    status: 'assigned',
    assignedAt: at('2027-03-28T14:00:00Z'),
    createdAt: at('2027-03-28T10:00:00Z'),
  }),
];

describe('computeIndicators', () => {
  const indicators = computeIndicators(period, requests, supply, (code) =>
    code === '56186' ? 'Belle-Île' : null,
  );

  it('counts requests by kind and status', () => {
    expect(indicators.requests).toEqual({
      total: 5,
      byKind: { urgent: 4, referring_physician: 1 },
      byStatus: {
        pending: 0,
        held: 0,
        offered: 0,
        booked: 2,
        assigned: 1,
        unmet: 2,
        redirected: 0,
        cancelled: 0,
      },
    });
  });

  it('measures urgent appointments within 24 and 48 hours of filing', () => {
    expect(indicators.urgent).toEqual({
      total: 4,
      bookedWithin24h: { count: 1, share: 0.25 },
      bookedWithin48h: { count: 2, share: 0.5 },
    });
  });

  it('gives median and 90th percentile delays in minutes, per kind and overall', () => {
    expect(indicators.timeToOrientation).toEqual({
      urgent: { count: 2, medianMinutes: 20, p90Minutes: 28 },
      referringPhysician: { count: 1, medianMinutes: 240, p90Minutes: 240 },
      all: { count: 3, medianMinutes: 30, p90Minutes: 198 },
    });
  });

  it('ranks unmet requests by reason and by commune', () => {
    expect(indicators.unmet).toEqual({
      total: 2,
      byReason: [
        { reason: 'no_slot_for_mode', count: 1 },
        { reason: 'no_slot_in_territory', count: 1 },
      ],
      byCommune: [{ communeCode: '56186', communeName: 'Belle-Île', count: 2 }],
    });
  });

  it('rates no-shows among recorded outcomes, and passes the supply through', () => {
    expect(indicators.appointments).toEqual({
      withOutcome: 2,
      honoured: 1,
      noShow: 1,
      noShowRate: 0.5,
    });
    expect(indicators.offers).toEqual({ made: 5, accepted: 1, declined: 2, expired: 1 });
    expect(indicators.slots).toEqual({ published: 8, booked: 3, bookedShare: 0.375 });
    expect(indicators.notifications).toEqual({ sent: 5, failed: 1, pending: 0 });
  });
});

describe('dailyCounts', () => {
  it('lists every Europe/Paris day of the period, across the spring DST change', () => {
    expect(dailyCounts(period, requests)).toEqual([
      { date: '2027-03-28', filed: 4, oriented: 3, unmet: 1 },
      { date: '2027-03-29', filed: 1, oriented: 0, unmet: 1 },
      { date: '2027-03-30', filed: 0, oriented: 0, unmet: 0 },
    ]);
  });

  it('puts a request filed at 00:30 Paris time on its Paris day', () => {
    const late = fact({ createdAt: at('2027-03-28T22:30:00Z') });
    expect(dailyCounts(period, [late]).map((day) => day.filed)).toEqual([0, 1, 0]);
  });
});

describe('indicatorsCsv', () => {
  const csv = indicatorsCsv(computeIndicators(period, requests, supply, () => 'Auray'));
  const lines = csv.slice(1).trimEnd().split('\r\n');

  it('starts with a BOM and French headers separated by semicolons', () => {
    expect(csv.startsWith('\uFEFFIndicateur;Détail;Valeur\r\n')).toBe(true);
  });

  it('writes percentages and minutes with a decimal comma', () => {
    expect(lines).toContain('Soins non programmés;Rendez-vous sous 24 h (%);25,0');
    expect(lines).toContain('Créneaux SNP;Réservés (%);37,5');
    expect(lines).toContain("Délai d'orientation (toutes demandes);90e centile (minutes);198");
    expect(lines).toContain('Demandes non satisfaites par commune;Auray (56186);2');
    expect(lines).toContain('Demandes déposées par jour;28/03/2027;4');
  });

  it('formats numbers the French way, and none as an empty cell', () => {
    expect(frenchNumber(12.5)).toBe('12,5');
    expect(frenchNumber(null)).toBe('');
    expect(frenchPercent(0.3333)).toBe('33,3');
  });

  it('answers CSV only to a client that asks for it, under a name with the Paris days', () => {
    expect(wantsCsv('text/csv')).toBe(true);
    expect(wantsCsv('application/json, text/csv;q=0.5')).toBe(true);
    expect(wantsCsv('application/json')).toBe(false);
    expect(wantsCsv(undefined)).toBe(false);
    expect(csvFileName(computeIndicators(period, [], supply, () => null))).toBe(
      'indicateurs-2027-03-28-au-2027-03-30.csv',
    );
  });
});
