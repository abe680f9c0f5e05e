import { readFileSync } from 'node:fs';

export interface CommuneRecord {
  code: string;
  name: string;
  postalCodes: string[];
  epciCode: string | null;
  department: string;
}

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  departement: string;
  codesPostaux?: string[];
}

interface RawEpci {
  code: string;
  membres: Array<{ code: string }>;
}

/** Every current French commune, with its postal codes, EPCI and département. */
export function loadCommuneReferential(): CommuneRecord[] {
  const epciByCommune = loadEpciByCommune();
  const shared = new Map<string, string>();
  /** One string for each département and EPCI code, rather than one per commune. */
  const once = (value: string): string => {
    const known = shared.get(value);
    if (known !== undefined) return known;
    shared.set(value, value);
    return value;
  };
  const communes: CommuneRecord[] = [];
  for (const commune of readPackageArray<RawCommune>('communes.json')) {
    if (commune.type !== 'commune-actuelle') continue;
    const epciCode = epciByCommune.get(commune.code);
    communes.push({
      code: commune.code,
      name: commune.nom,
      postalCodes: commune.codesPostaux ?? [],
      epciCode: epciCode === undefined ? null : once(epciCode),
      department: once(commune.departement),
    });
  }
  return communes;
}

function loadEpciByCommune(): Map<string, string> {
  const epciByCommune = new Map<string, string>();
  for (const epci of readPackageArray<RawEpci>('epci.json')) {
    for (const member of epci.membres) epciByCommune.set(member.code, epci.code);
  }
  return epciByCommune;
}

/**
 * The entries of one of the package's JSON arrays, parsed one at a time from the file's bytes.
 * Read rather than imported: an import would keep the 12 MB of raw JSON in the module cache for
 * the life of the process and make tsc infer a type for every one of its entries. Parsed entry by
 * entry rather than with one `JSON.parse` of the whole file: the whole file as one string and every
 * field of every entry would all be alive at once (about 60 MB at start for 5 MB kept), and long
 * enough to be moved to the old generation, which then stays that large; an entry's fields die
 * young, as soon as the fields kept are copied out.
 */
function* readPackageArray<T>(fileName: string): Generator<T> {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${fileName}`);
  for (const text of jsonArrayElements(readFileSync(path))) yield JSON.parse(text) as T;
}

const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACKET = 0x5d; // ]
const OPEN_BRACE = 0x7b; // {
const CLOSE_BRACE = 0x7d; // }
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The text of each element of a JSON array (UTF-8 bytes), in order, each to be given to
 * `JSON.parse`. Only the boundaries are found here (depth outside strings, strings and their
 * escapes); what is between them is parsed, and checked, by `JSON.parse`.
 */
export function* jsonArrayElements(json: Buffer): Generator<string> {
  let index = skipWhitespace(json, 0);
  if (json[index] !== OPEN_BRACKET) throw new SyntaxError('expected a JSON array');
  let depth = 0;
  let inString = false;
  let start = -1;
  let afterComma = false;
  for (index += 1; index < json.length; index += 1) {
    const byte = json[index];
    if (inString) {
      if (byte === BACKSLASH) index += 1;
      else if (byte === QUOTE) inString = false;
    } else if (depth === 0 && (byte === COMMA || byte === CLOSE_BRACKET)) {
      if (start >= 0) yield json.toString('utf8', start, index);
      else if (byte === COMMA || afterComma) throw new SyntaxError('empty element in a JSON array');
      start = -1;
      afterComma = byte === COMMA;
      if (byte === CLOSE_BRACKET) {
        if (skipWhitespace(json, index + 1) < json.length) {
          throw new SyntaxError('unexpected text after a JSON array');
        }
        return;
      }
    } else if (start >= 0 || !isWhitespace(byte)) {
      if (start < 0) start = index;
      if (byte === QUOTE) inString = true;
      else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) depth += 1;
      else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
    }
  }
  throw new SyntaxError('unterminated JSON array');
}

function isWhitespace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

function skipWhitespace(json: Buffer, from: number): number {
  let index = from;
  while (index < json.length && isWhitespace(json[index])) index += 1;
  return index;
}
