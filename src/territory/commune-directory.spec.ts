import { CommuneDirectory, foldName } from './commune-directory';
import type { CommuneRecord } from './commune-referential';

function commune(code: string, name: string, postalCodes: string[]): CommuneRecord {
  return { code, name, postalCodes, epciCode: '200043123', department: code.slice(0, 2) };
}

const AURAY = commune('56007', 'Auray', ['56400']);
const SAINTE_ANNE = commune('56263', "Sainte-Anne-d'Auray", ['56400']);
const HOEDIC = commune('56085', 'Hœdic', ['56170']);
const ETEL = commune('56055', 'Étel', ['56410']);
const BRECH = commune('56023', 'Brech', ['56400']);
const AJACCIO = commune('2A004', 'Ajaccio', ['20000', '20090']);
const LAURAY = commune('99999', 'Lauraya', ['99000']);

const directory = new CommuneDirectory([LAURAY, SAINTE_ANNE, AURAY, HOEDIC, ETEL, BRECH, AJACCIO]);

function names(found: CommuneRecord[]): string[] {
  return found.map((c) => c.name);
}

describe('foldName', () => {
  it('ignores case, accents, ligatures, hyphens and apostrophes', () => {
    expect(foldName("Sainte-Anne-d'Auray")).toBe('sainte anne d auray');
    expect(foldName('HŒDIC')).toBe('hoedic');
    expect(foldName('  Étel ')).toBe('etel');
    expect(foldName('Sainte-Anne-d’Auray')).toBe('sainte anne d auray');
  });
});

describe('CommuneDirectory', () => {
  it('finds a commune by code, and tells the unknown codes', () => {
    expect(directory.get('2A004')).toBe(AJACCIO);
    expect(directory.get('56999')).toBeUndefined();
    expect(directory.unknown(['56007', '56999', '2B001'])).toEqual(['56999', '2B001']);
  });

  it('matches names without regard to case or accents', () => {
    expect(names(directory.search({ q: 'etel', offset: 0, limit: 10 }))).toEqual(['Étel']);
    expect(names(directory.search({ q: 'HOEDIC', offset: 0, limit: 10 }))).toEqual(['Hœdic']);
    expect(names(directory.search({ q: 'sainte anne', offset: 0, limit: 10 }))).toEqual([
      "Sainte-Anne-d'Auray",
    ]);
  });

  it('ranks the exact name first, then names starting with the query, then words, then the rest', () => {
    const found = directory.search({ q: 'auray', offset: 0, limit: 10 });
    expect(names(found)).toEqual(['Auray', "Sainte-Anne-d'Auray", 'Lauraya']);
  });

  it('matches digits against postal codes by prefix', () => {
    expect(names(directory.search({ q: '564', offset: 0, limit: 10 }))).toEqual([
      'Auray',
      'Brech',
      'Étel',
      "Sainte-Anne-d'Auray",
    ]);
    expect(names(directory.search({ q: '20090', offset: 0, limit: 10 }))).toEqual(['Ajaccio']);
  });

  it('restricts to a code when one is given', () => {
    expect(directory.search({ code: '56023', offset: 0, limit: 10 })).toEqual([BRECH]);
    expect(directory.search({ q: 'auray', code: '56023', offset: 0, limit: 10 })).toEqual([]);
  });

  it('pages alphabetically, returning one more than the limit when there are more', () => {
    const first = directory.search({ offset: 0, limit: 3 });
    expect(names(first)).toEqual(['Ajaccio', 'Auray', 'Brech', 'Étel']);
    const second = directory.search({ offset: 3, limit: 3 });
    expect(names(second)).toEqual(['Étel', 'Hœdic', 'Lauraya', "Sainte-Anne-d'Auray"]);
    expect(directory.search({ offset: 6, limit: 3 })).toEqual([SAINTE_ANNE]);
  });

  it('finds nothing for a query of punctuation only', () => {
    expect(directory.search({ q: "-'", offset: 0, limit: 10 })).toEqual([]);
  });
});
