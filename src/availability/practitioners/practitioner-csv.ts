import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import type { ConsultationMode } from '../../common/consultation-mode';
import { readCsvRecords } from '../../common/csv-records';
import { DomainError, FieldError } from '../../common/domain-error';
import { fieldErrors } from '../../common/validation';
import { foldName } from '../../territory/communes.service';
import { CreatePractitionerDto } from './dto/create-practitioner.dto';
import { RejectedLine } from './dto/practitioner.view';

export interface PractitionerCsvRow {
  /** 1-based line in the file, the header being line 1. */
  line: number;
  input: CreatePractitionerDto;
}

export { RejectedLine };

export interface PractitionerCsv {
  rows: PractitionerCsvRow[];
  rejected: RejectedLine[];
  /** Restates errors about DTO fields in the words of the file: its column names. */
  inColumns(errors: FieldError[]): FieldError[];
}

interface ColumnSpec {
  /** The DTO field the column fills. */
  field: string;
  /** Accepted header names, folded (case, accents and separators ignored); the first is documented. */
  headers: string[];
  required: boolean;
}

/** The columns of the practitioners' spreadsheet; see docs/practitioners-import.md. */
export const PRACTITIONER_COLUMNS = {
  rpps: { field: 'rpps', headers: ['rpps', 'numero_rpps', 'rpps_number'], required: true },
  lastName: { field: 'lastName', headers: ['nom', 'last_name', 'lastname'], required: true },
  firstName: { field: 'firstName', headers: ['prenom', 'first_name', 'firstname'], required: true },
  email: { field: 'email', headers: ['email', 'courriel', 'mail', 'e_mail'], required: true },
  phone: { field: 'phone', headers: ['telephone', 'tel', 'phone'], required: true },
  address: { field: 'practice.address', headers: ['adresse', 'address'], required: true },
  communeCode: {
    field: 'practice.communeCode',
    headers: ['code_commune', 'code_insee', 'commune_code', 'insee'],
    required: true,
  },
  latitude: { field: 'practice.latitude', headers: ['latitude', 'lat'], required: false },
  longitude: {
    field: 'practice.longitude',
    headers: ['longitude', 'lon', 'lng'],
    required: false,
  },
  modes: { field: 'modes', headers: ['modes', 'mode'], required: true },
  languages: { field: 'languages', headers: ['langues', 'languages'], required: false },
  weeklyUrgentCap: {
    field: 'weeklyUrgentCap',
    headers: ['plafond_snp_hebdo', 'weekly_urgent_cap'],
    required: false,
  },
  notifyEmail: {
    field: 'notify.email',
    headers: ['notif_email', 'notify_email'],
    required: false,
  },
  notifySms: { field: 'notify.sms', headers: ['notif_sms', 'notify_sms'], required: false },
} satisfies Record<string, ColumnSpec>;

type Column = keyof typeof PRACTITIONER_COLUMNS;
type ColumnIndexes = Partial<Record<Column, number>>;

const COLUMNS = Object.keys(PRACTITIONER_COLUMNS) as Column[];

/** The words GPs' spreadsheets use for the consultation modes, folded. */
const MODE_WORDS: Record<string, ConsultationMode> = {
  in_person: 'in_person',
  cabinet: 'in_person',
  presentiel: 'in_person',
  consultation: 'in_person',
  teleconsultation: 'teleconsultation',
  video: 'teleconsultation',
  home_visit: 'home_visit',
  visite: 'home_visit',
  visites: 'home_visit',
  domicile: 'home_visit',
  visite_a_domicile: 'home_visit',
  visites_a_domicile: 'home_visit',
};

const YES = new Set(['oui', 'o', 'yes', 'y', 'true', 'vrai', '1', 'x']);
const NO = new Set(['non', 'n', 'no', 'false', 'faux', '0']);
const LIST_SEPARATOR = /[,;|/+]/;
const DECIMAL = /^[+-]?\d*[.,]?\d+$/;
const INTEGER = /^[+-]?\d+$/;

function key(text: string): string {
  return foldName(text).replace(/ /g, '_');
}

/**
 * Reads the CSV export of a CPTS's practitioners spreadsheet. Each row becomes the same
 * CreatePractitionerDto that POST /practitioners takes, validated by the same rules; a row that
 * fails is rejected with its line and the reasons, by column. RPPS numbers repeated in the file
 * reject the later rows.
 */
export function readPractitionersCsv(text: string): PractitionerCsv {
  const { header, rows } = readCsvRecords(text);
  if (!header) throw DomainError.invalid('body', `the CSV is empty: ${expectedHeader()}`);
  const indexes = findColumns(header);
  const columnOfField = new Map(
    COLUMNS.filter((column) => indexes[column] !== undefined).map((column) => [
      PRACTITIONER_COLUMNS[column].field,
      header[indexes[column] ?? 0].trim(),
    ]),
  );
  const inColumns = (errors: FieldError[]) =>
    errors.map(({ field, message }) => restate(field, message, columnOfField));
  const result: PractitionerCsv = { rows: [], rejected: [], inColumns };
  const lineByRpps = new Map<string, number>();
  for (const { line, values } of rows) {
    const input = plainToInstance(CreatePractitionerDto, plainRow(values, indexes));
    const errors = fieldErrors(
      validateSync(input, {
        whitelist: true,
        forbidNonWhitelisted: true,
        validationError: { target: false, value: false },
      }),
    );
    const firstLine = lineByRpps.get(input.rpps);
    if (errors.length === 0 && firstLine !== undefined) {
      errors.push({
        field: 'rpps',
        message: `rpps ${input.rpps} already appears on line ${firstLine}`,
      });
    }
    if (errors.length > 0) {
      result.rejected.push({ line, errors: inColumns(errors) });
      continue;
    }
    lineByRpps.set(input.rpps, line);
    result.rows.push({ line, input });
  }
  return result;
}

function findColumns(header: string[]): ColumnIndexes {
  const keys = header.map(key);
  const indexes: ColumnIndexes = {};
  for (const column of COLUMNS) {
    const index = PRACTITIONER_COLUMNS[column].headers
      .map((name) => keys.indexOf(name))
      .find((found) => found >= 0);
    if (index !== undefined) indexes[column] = index;
  }
  const missing = COLUMNS.filter(
    (column) => PRACTITIONER_COLUMNS[column].required && indexes[column] === undefined,
  );
  if (missing.length > 0) {
    throw new DomainError(
      'invalid',
      `The CSV header lacks ${missing.map(documentedName).join(', ')}: ${expectedHeader()}`,
      missing.map((column) => ({
        field: documentedName(column),
        message: `the header has no ${documentedName(column)} column (also accepted: ${PRACTITIONER_COLUMNS[column].headers.slice(1).join(', ')})`,
      })),
    );
  }
  return indexes;
}

function documentedName(column: Column): string {
  return PRACTITIONER_COLUMNS[column].headers[0];
}

function expectedHeader(): string {
  const required = COLUMNS.filter((column) => PRACTITIONER_COLUMNS[column].required);
  return `expected a header row with at least ${required.map(documentedName).join(';')}, separated by ; or ,`;
}

/** The row as the JSON body of POST /practitioners would carry it; unreadable cells are kept as text for the validator to name. */
function plainRow(values: string[], indexes: ColumnIndexes): Record<string, unknown> {
  const cell = (column: Column) => {
    const index = indexes[column];
    return index === undefined ? '' : (values[index] ?? '').trim();
  };
  const latitude = cell('latitude');
  const longitude = cell('longitude');
  return {
    rpps: cell('rpps').replace(/\s/g, ''),
    firstName: cell('firstName'),
    lastName: cell('lastName'),
    email: cell('email'),
    phone: cell('phone'),
    practice: {
      address: cell('address'),
      communeCode: communeCode(cell('communeCode')),
      ...(latitude === '' && longitude === ''
        ? {}
        : { latitude: decimal(latitude), longitude: decimal(longitude) }),
    },
    modes: list(cell('modes')).map((mode) => MODE_WORDS[key(mode)] ?? mode),
    languages: cell('languages') === '' ? undefined : list(cell('languages')).map(lowerCase),
    weeklyUrgentCap: cell('weeklyUrgentCap') === '' ? undefined : integer(cell('weeklyUrgentCap')),
    notify: { email: yesNo(cell('notifyEmail'), true), sms: yesNo(cell('notifySms'), false) },
  };
}

function list(value: string): string[] {
  return value
    .split(LIST_SEPARATOR)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function lowerCase(value: string): string {
  return value.toLowerCase();
}

// Spreadsheets turn codes into numbers and drop the leading zero of départements 01 to 09.
function communeCode(value: string): string {
  const code = value.toUpperCase();
  return /^\d{4}$/.test(code) ? `0${code}` : code;
}

function decimal(value: string): number | string | undefined {
  if (value === '') return undefined;
  return DECIMAL.test(value) ? Number(value.replace(',', '.')) : value;
}

function integer(value: string): number | string {
  return INTEGER.test(value) ? Number(value) : value;
}

function yesNo(value: string, absent: boolean): boolean | string {
  const folded = key(value);
  if (folded === '') return absent;
  if (YES.has(folded)) return true;
  if (NO.has(folded)) return false;
  return value;
}

function restate(field: string, message: string, columnOfField: Map<string, string>): FieldError {
  const column = columnOfField.get(field);
  if (!column) return { field, message };
  const property = field.split('.').pop() ?? field;
  return { field: column, message: message.replace(new RegExp(`\\b${property}\\b`), column) };
}
