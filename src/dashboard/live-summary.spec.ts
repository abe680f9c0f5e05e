/** The dashboard's live-table summary and search (plain JavaScript, typed here for the spec). */
interface Item {
  practitioner: {
    id: string;
    firstName: string;
    lastName: string;
    communeName: string | null;
    communeCode: string;
  };
  freeSlots: Array<{ id: string }>;
  newPatients: { accepting: boolean; openPlaces: number };
}
interface Summary {
  slots: number;
  withSlots: number;
  places: number;
  accepting: number;
  communesWithout: string[];
}

const { filterLiveTable, searchable, summaryText, territorySummary } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./assets/live-summary.js') as {
    filterLiveTable(items: Item[], filter?: { query?: string; availableOnly?: boolean }): Item[];
    searchable(text: string): string;
    summaryText(summary: Summary): string;
    territorySummary(items: Item[]): Summary;
  };

let ids = 0;
function gp(
  lastName: string,
  communeName: string | null,
  slots: number,
  places = 0,
  communeCode = '56000',
): Item {
  ids += 1;
  return {
    practitioner: { id: `p${ids}`, firstName: 'Anne', lastName, communeName, communeCode },
    freeSlots: Array.from({ length: slots }, (_, index) => ({ id: `s${ids}-${index}` })),
    newPatients: { accepting: places > 0, openPlaces: places },
  };
}

const names = (items: Item[]) => items.map((item) => item.practitioner.lastName);

const territory = [
  gp('Le Goff', 'Auray', 2),
  gp('Jaffré', 'Auray', 0, 10),
  gp('Guégan', "Sainte-Anne-d'Auray", 0),
  gp('Le Floch', 'Quiberon', 0),
  gp('Tanguy', 'Carnac', 3, 2),
];

describe('the live table at a glance', () => {
  it('sums free slots and new-patient places, and names the communes without a slot', () => {
    expect(territorySummary(territory)).toEqual({
      slots: 5,
      withSlots: 2,
      places: 12,
      accepting: 2,
      communesWithout: ['Quiberon', "Sainte-Anne-d'Auray"],
    });
    expect(summaryText(territorySummary(territory))).toBe(
      '5 créneaux libres chez 2 médecins · 12 places pour de nouveaux patients chez 2 médecins · ' +
        "aucun créneau à Quiberon, Sainte-Anne-d'Auray.",
    );
  });

  it('says a single one in the singular, and nothing at all plainly', () => {
    expect(summaryText(territorySummary([gp('Le Goff', 'Auray', 1, 1)]))).toBe(
      '1 créneau libre chez 1 médecin · 1 place pour de nouveaux patients chez 1 médecin.',
    );
    expect(summaryText(territorySummary([gp('Le Goff', 'Auray', 0)]))).toBe(
      'Aucun créneau libre · aucune place pour de nouveaux patients.',
    );
  });

  it('names five communes without a slot, then counts the others', () => {
    const communes = ['Brech', 'Carnac', 'Crach', 'Erdeven', 'Etel', 'Plouharnel', 'Quiberon'];
    const items = [gp('Le Goff', 'Auray', 1), ...communes.map((commune) => gp('X', commune, 0))];
    expect(summaryText(territorySummary(items))).toBe(
      '1 créneau libre chez 1 médecin · aucune place pour de nouveaux patients · ' +
        'aucun créneau à Brech, Carnac, Crach, Erdeven, Etel et 2 autres communes.',
    );
  });

  it('counts a commune of unknown name by its code', () => {
    expect(territorySummary([gp('Le Goff', null, 0, 0, '56999'), gp('X', 'Auray', 1)])).toEqual(
      expect.objectContaining({ communesWithout: ['56999'] }),
    );
  });
});

describe('searching the live table', () => {
  it('reads text without case, accents or punctuation', () => {
    expect(searchable("  Sainte-Anne-d'Auray ")).toBe('sainte anne d auray');
    expect(searchable('Dr Élodie GUÉGAN')).toBe('dr elodie guegan');
  });

  it('keeps the practitioners whose commune or name holds every word', () => {
    expect(names(filterLiveTable(territory, { query: 'auray' }))).toEqual([
      'Le Goff',
      'Jaffré',
      'Guégan',
    ]);
    expect(names(filterLiveTable(territory, { query: 'sainte anne' }))).toEqual(['Guégan']);
    expect(names(filterLiveTable(territory, { query: 'jaffre' }))).toEqual(['Jaffré']);
    expect(names(filterLiveTable(territory, { query: 'auray le goff' }))).toEqual(['Le Goff']);
    expect(names(filterLiveTable(territory, { query: 'vannes' }))).toEqual([]);
    expect(filterLiveTable(territory, { query: '  ' })).toEqual(territory);
  });

  it('keeps only those with a free slot or new-patient places when asked', () => {
    expect(names(filterLiveTable(territory, { availableOnly: true }))).toEqual([
      'Le Goff',
      'Jaffré',
      'Tanguy',
    ]);
    expect(names(filterLiveTable(territory, { query: 'auray', availableOnly: true }))).toEqual([
      'Le Goff',
      'Jaffré',
    ]);
  });
});
