import type { Place } from '../../common/geo';
import { contentEtag, etagMatches, LiveTableItem, RankedItem, rankLiveTable } from './live-table';

function row(
  id: string,
  lastName: string,
  firstSlot: string | null,
  place: Partial<Place> | undefined,
): RankedItem {
  const item: LiveTableItem = {
    practitioner: {
      id,
      rpps: '10000000000',
      firstName: 'A',
      lastName,
      communeCode: '56007',
      communeName: 'Auray',
    },
    newPatients: { accepting: false, openPlaces: 0, updatedAt: null, expired: false },
    freeSlots: firstSlot
      ? [{ id: `${id}-s`, startsAt: firstSlot, endsAt: firstSlot, mode: 'in_person' }]
      : [],
    availabilityUpdatedAt: null,
  };
  return {
    item,
    place: place && {
      communeCode: '56007',
      epciCode: null,
      department: '56',
      point: null,
      ...place,
    },
  };
}

const ids = (items: LiveTableItem[]) => items.map((item) => item.practitioner.id);

describe('rankLiveTable', () => {
  it('without a patient commune: soonest free slot first, none last, then by name', () => {
    const rows = [
      row('none', 'Abel', null, undefined),
      row('late', 'Bon', '2027-03-01T12:00:00+01:00', undefined),
      row('early-z', 'Zola', '2027-03-01T09:00:00+01:00', undefined),
      row('early-a', 'Élie', '2027-03-01T09:00:00+01:00', undefined),
    ];
    expect(ids(rankLiveTable(rows, undefined))).toEqual(['early-a', 'early-z', 'late', 'none']);
  });

  it('with a patient commune: nearest first by distance, then by shared area, unknown places last', () => {
    const patient: Place = {
      communeCode: '56007',
      epciCode: 'E1',
      department: '56',
      point: { latitude: 47.668, longitude: -2.982 },
    };
    const rows = [
      row('unknown', 'A', '2027-03-01T08:00:00+01:00', undefined),
      row('other-dept', 'B', '2027-03-01T08:00:00+01:00', {
        communeCode: '29019',
        department: '29',
      }),
      row('far', 'C', null, { communeCode: '56260', point: { latitude: 47.66, longitude: -2.75 } }),
      row('near', 'D', '2027-03-01T12:00:00+01:00', {
        point: { latitude: 47.67, longitude: -2.99 },
      }),
      row('same-epci', 'E', null, { communeCode: '56034', epciCode: 'E1' }),
    ];
    expect(ids(rankLiveTable(rows, patient))).toEqual([
      'near',
      'far',
      'same-epci',
      'other-dept',
      'unknown',
    ]);
  });
});

describe('contentEtag and etagMatches', () => {
  const items = [row('a', 'A', null, undefined).item];

  it('changes with the content only', () => {
    expect(contentEtag(items)).toBe(contentEtag(JSON.parse(JSON.stringify(items))));
    expect(contentEtag(items)).not.toBe(contentEtag([]));
    expect(contentEtag(items)).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('matches a listed, weak or wildcard tag', () => {
    const etag = contentEtag(items);
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
    expect(etagMatches('"x"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});
