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
  return readPackageJson<RawCommune[]>('communes.json')
    .filter((commune) => commune.type === 'commune-actuelle')
    .map((commune) => ({
      code: commune.code,
      name: commune.nom,
      postalCodes: commune.codesPostaux ?? [],
      epciCode: epciByCommune.get(commune.code) ?? null,
      department: commune.departement,
    }));
}

function loadEpciByCommune(): Map<string, string> {
  const epciByCommune = new Map<string, string>();
  for (const epci of readPackageJson<RawEpci[]>('epci.json')) {
    for (const member of epci.membres) epciByCommune.set(member.code, epci.code);
  }
  return epciByCommune;
}

// Read rather than imported: an import would keep the 12 MB of raw JSON in the module cache for
// the life of the process and make tsc infer a type for every one of its entries.
function readPackageJson<T>(fileName: string): T {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${fileName}`);
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}
