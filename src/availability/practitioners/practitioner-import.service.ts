import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { CommunesService } from '../../territory/communes.service';
import { ImportResult } from './dto/practitioner.view';
import { PractitionerCsvRow, readPractitionersCsv } from './practitioner-csv';
import { ProfileColumns, profileColumns } from './practitioner-mapping';
import { PractitionersService } from './practitioners.service';

export { ImportResult };

export type ImportProgress = (done: number, total: number) => void;

/** Rows per statement: 14 parameters a row stays far under PostgreSQL's 65,535. */
const CHUNK = 500;

const COLUMNS: ReadonlyArray<[keyof ProfileColumns, string, string]> = [
  ['rpps', 'rpps', 'text'],
  ['firstName', 'first_name', 'text'],
  ['lastName', 'last_name', 'text'],
  ['email', 'email', 'text'],
  ['phone', 'phone', 'text'],
  ['address', 'address', 'text'],
  ['communeCode', 'commune_code', 'text'],
  ['latitude', 'latitude', 'double precision'],
  ['longitude', 'longitude', 'double precision'],
  ['modes', 'modes', 'text[]'],
  ['languages', 'languages', 'text[]'],
  ['weeklyUrgentCap', 'weekly_urgent_cap', 'integer'],
  ['notifyEmail', 'notify_email', 'boolean'],
  ['notifySms', 'notify_sms', 'boolean'],
];

const UPDATED = COLUMNS.filter(([field]) => field !== 'rpps')
  .map(([, column]) => `${column} = EXCLUDED.${column}`)
  .concat('updated_at = now()')
  .join(', ');

/**
 * Imports a CPTS's practitioners spreadsheet, idempotently by RPPS: a known RPPS updates that
 * practitioner's profile (never their capacity, availability or active flag), another creates one.
 */
@Injectable()
export class PractitionerImportService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly practitioners: PractitionersService,
  ) {}

  async import(cptsId: string, csv: string, progress?: ImportProgress): Promise<ImportResult> {
    const parsed = readPractitionersCsv(csv);
    const rejected = [...parsed.rejected];
    const accepted: PractitionerCsvRow[] = [];
    for (const row of parsed.rows) {
      const errors = this.practitioners.practiceErrors(row.input.practice);
      if (errors.length > 0) rejected.push({ line: row.line, errors: parsed.inColumns(errors) });
      else accepted.push(row);
    }
    const centres = await this.communes.centres(
      accepted.map((row) => row.input.practice.communeCode),
    );
    const rows = accepted.map(({ input }) =>
      profileColumns(input, centres.get(input.practice.communeCode)),
    );
    const counts = await this.db.tenant(cptsId, async (manager) => {
      const total = { created: 0, updated: 0 };
      progress?.(0, rows.length);
      for (let start = 0; start < rows.length; start += CHUNK) {
        const created = await upsert(manager, rows.slice(start, start + CHUNK));
        total.created += created;
        total.updated += Math.min(CHUNK, rows.length - start) - created;
        progress?.(Math.min(start + CHUNK, rows.length), rows.length);
      }
      return total;
    });
    return { ...counts, rejected: rejected.sort((a, b) => a.line - b.line) };
  }
}

/** Inserts or updates these rows by RPPS; the number inserted. */
async function upsert(manager: EntityManager, rows: ProfileColumns[]): Promise<number> {
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const placeholders = COLUMNS.map(([field, , type]) => {
      parameters.push(row[field]);
      return `$${parameters.length}::${type}`;
    });
    return `(${placeholders.join(', ')})`;
  });
  const inserted = await queryRows<{ created: boolean }>(
    manager,
    `INSERT INTO practitioner (${COLUMNS.map(([, column]) => column).join(', ')})
     VALUES ${tuples.join(', ')}
     ON CONFLICT (cpts_id, rpps) DO UPDATE SET ${UPDATED}
     RETURNING (xmax = 0) AS created`,
    parameters,
  );
  return inserted.filter((row) => row.created).length;
}
