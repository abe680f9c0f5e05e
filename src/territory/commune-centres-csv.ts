import { isCommuneCode } from '../common/commune-code';
import { readCsvRecords } from '../common/csv-records';

export interface CommuneCentre {
  code: string;
  latitude: number;
  longitude: number;
}

export interface RejectedRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  errors: string[];
}

export interface CommuneCentresCsv {
  centres: CommuneCentre[];
  rejected: RejectedRow[];
}

type Field = 'code' | 'latitude' | 'longitude';

/** Accepted header names per field, most specific first: it wins when a file has several. */
const HEADER_ALIASES: Record<Field, readonly string[]> = {
  code: ['code_commune_insee', 'code_insee', 'insee', 'codgeo', 'code_commune', 'code'],
  latitude: ['latitude', 'latitude_centre', 'lat'],
  longitude: ['longitude', 'longitude_centre', 'lon', 'lng'],
};

const FIELDS = Object.keys(HEADER_ALIASES) as Field[];
const LIMITS = { latitude: 90, longitude: 180 } as const;
const DECIMAL = /^[+-]?\d*[.,]?\d+$/;

type ColumnIndexes = Record<Field, number>;
type RowRead = { centre: CommuneCentre } | { errors: string[] };

/**
 * Parses a CSV of commune centres (`communes:import-centres`); one bad row rejects that row only,
 * and so does a code that `isKnown` refuses.
 */
export function parseCommuneCentresCsv(
  text: string,
  isKnown: (code: string) => boolean = () => true,
): CommuneCentresCsv {
  const { header, rows } = readCsvRecords(text);
  if (!header) throw new Error(`The CSV file is empty: ${describeExpectedHeader()}`);
  const columns = findColumns(header);
  const result: CommuneCentresCsv = { centres: [], rejected: [] };
  const lineByCode = new Map<string, number>();
  for (const { line, values } of rows) {
    const read = readRow(values, columns, isKnown);
    const errors = 'centre' in read ? duplicateErrors(read.centre, lineByCode) : read.errors;
    if ('centre' in read && errors.length === 0) {
      lineByCode.set(read.centre.code, line);
      result.centres.push(read.centre);
    } else {
      result.rejected.push({ line, errors });
    }
  }
  return result;
}

function findColumns(header: string[]): ColumnIndexes {
  const names = header.map((name) => name.trim().toLowerCase());
  const missing = FIELDS.filter((field) => columnIndex(names, field) < 0);
  if (missing.length > 0) {
    throw new Error(
      `The CSV header lacks ${missing.join(', ')}: ${describeExpectedHeader()}; found: ${names.join(', ')}`,
    );
  }
  return {
    code: columnIndex(names, 'code'),
    latitude: columnIndex(names, 'latitude'),
    longitude: columnIndex(names, 'longitude'),
  };
}

function columnIndex(names: string[], field: Field): number {
  const indexes = HEADER_ALIASES[field].map((alias) => names.indexOf(alias));
  return indexes.find((index) => index >= 0) ?? -1;
}

function describeExpectedHeader(): string {
  const expected = FIELDS.map((field) => `${field} (one of ${HEADER_ALIASES[field].join(', ')})`);
  return `expected a header row with columns ${expected.join('; ')}, separated by , or ;`;
}

function readRow(
  record: string[],
  columns: ColumnIndexes,
  isKnown: (code: string) => boolean,
): RowRead {
  const errors: string[] = [];
  const code = readCode(record[columns.code], errors, isKnown);
  const latitude = readCoordinate('latitude', record[columns.latitude], errors);
  const longitude = readCoordinate('longitude', record[columns.longitude], errors);
  if (code === null || latitude === null || longitude === null) return { errors };
  return { centre: { code, latitude, longitude } };
}

function duplicateErrors(centre: CommuneCentre, lineByCode: Map<string, number>): string[] {
  const firstLine = lineByCode.get(centre.code);
  return firstLine === undefined
    ? []
    : [`code ${centre.code} already appears on line ${firstLine}`];
}

function readCode(
  raw: string | undefined,
  errors: string[],
  isKnown: (code: string) => boolean,
): string | null {
  const value = (raw ?? '').trim().toUpperCase();
  if (value === '') return required('code', errors);
  // Spreadsheets turn codes into numbers and drop the leading zero of départements 01 to 09.
  const code = /^\d{4}$/.test(value) ? `0${value}` : value;
  if (!isCommuneCode(code)) {
    errors.push('code must be an INSEE commune code of 5 characters, e.g. 56007 or 2A004');
    return null;
  }
  if (isKnown(code)) return code;
  errors.push(`code ${code} is not a current French commune`);
  return null;
}

function readCoordinate(
  field: keyof typeof LIMITS,
  raw: string | undefined,
  errors: string[],
): number | null {
  const value = (raw ?? '').trim();
  if (value === '') return required(field, errors);
  const limit = LIMITS[field];
  const number = DECIMAL.test(value) ? Number(value.replace(',', '.')) : NaN;
  if (Math.abs(number) <= limit) return number;
  errors.push(`${field} must be a number from -${limit} to ${limit}`);
  return null;
}

function required(field: Field, errors: string[]): null {
  errors.push(`${field} is required`);
  return null;
}
