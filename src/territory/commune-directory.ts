import type { CommuneRecord } from './commune-referential';

export interface CommuneSearch {
  q?: string;
  code?: string;
  /** Results to skip: the page already given. */
  offset: number;
  limit: number;
}

interface IndexedCommune {
  commune: CommuneRecord;
  key: string;
}

const POSTAL_PREFIX = /^\d{1,5}$/;

/**
 * Folds a name for matching: case, accents, ligatures (Hœdic), hyphens and apostrophes
 * (Sainte-Anne-d'Auray) are ignored.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Every commune of the referential, in memory, by INSEE code and searchable by name or postal code. */
export class CommuneDirectory {
  private readonly byCode: ReadonlyMap<string, CommuneRecord>;
  private readonly indexed: readonly IndexedCommune[];
  private byEpci?: ReadonlyMap<string, readonly string[]>;

  constructor(communes: readonly CommuneRecord[]) {
    this.byCode = new Map(communes.map((commune) => [commune.code, commune]));
    this.indexed = communes
      .map((commune) => ({ commune, key: foldName(commune.name) }))
      .sort((a, b) => a.key.localeCompare(b.key) || a.commune.code.localeCompare(b.commune.code));
  }

  get(code: string): CommuneRecord | undefined {
    return this.byCode.get(code);
  }

  /** The codes of the communes of an EPCI. */
  epciMembers(epciCode: string): readonly string[] {
    if (!this.byEpci) {
      const members = new Map<string, string[]>();
      for (const { code, epciCode: epci } of this.byCode.values()) {
        if (epci === null) continue;
        const codes = members.get(epci);
        if (codes) codes.push(code);
        else members.set(epci, [code]);
      }
      this.byEpci = members;
    }
    return this.byEpci.get(epciCode) ?? [];
  }

  /** The codes among these that no commune has. */
  unknown(codes: readonly string[]): string[] {
    return codes.filter((code) => !this.byCode.has(code));
  }

  /**
   * Communes matching the search, best first: a name equal to `q`, then names starting with it,
   * then names with a word starting with it, then names containing it; digits match postal codes
   * by prefix. One more than `limit` is returned when there are more.
   */
  search({ q, code, offset, limit }: CommuneSearch): CommuneRecord[] {
    const matches = this.matches(q?.trim() ?? '').filter(
      (commune) => code === undefined || commune.code === code,
    );
    return matches.slice(offset, offset + limit + 1);
  }

  private matches(q: string): CommuneRecord[] {
    if (q === '') return this.indexed.map(({ commune }) => commune);
    if (POSTAL_PREFIX.test(q)) {
      return this.indexed
        .filter(({ commune }) => commune.postalCodes.some((postal) => postal.startsWith(q)))
        .map(({ commune }) => commune);
    }
    const folded = foldName(q);
    if (folded === '') return [];
    const ranked = this.indexed
      .map((entry) => ({ commune: entry.commune, rank: rank(entry.key, folded) }))
      .filter((entry) => entry.rank >= 0);
    // A stable sort keeps the alphabetical order of the index within a rank.
    return ranked.sort((a, b) => a.rank - b.rank).map(({ commune }) => commune);
  }
}

function rank(key: string, q: string): number {
  if (key === q) return 0;
  if (key.startsWith(q)) return 1;
  if (key.includes(` ${q}`)) return 2;
  if (key.includes(q)) return 3;
  return -1;
}
