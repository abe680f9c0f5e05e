import { createHash } from 'node:crypto';

import { Client, type QueryConfig } from 'pg';

/** Distinct statements given a name, across the process; the rest stay unnamed. */
const MAX_NAMED = 1000;

/** `cached plan must not change result type`: a `SELECT *` whose table changed under a name. */
const RESULT_TYPE_CHANGED = '0A000';

/** Notified by `runMigrations` once it changed the schema: every instance names its statements afresh. */
export const SCHEMA_CHANGED_CHANNEL = 'schema_changed';

const names = new Map<string, string>();
let generation = 0;

/**
 * The name a parameterised statement is prepared under, the same in every connection: a hash of
 * its text. `undefined` once `MAX_NAMED` texts have names (a builder making endless variants, IN
 * lists of every length, must not fill the server's memory).
 */
export function statementName(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `s${createHash('sha1').update(text).digest('hex').slice(0, 24)}_${generation}`;
  names.set(text, name);
  return name;
}

/** After the server refused a name's plan, the text gets a new name, prepared afresh. */
function forget(text: string): void {
  names.delete(text);
  generation += 1;
}

/** After a migration: every text gets a new name, so no statement runs on a plan of the old schema. */
export function forgetStatements(): void {
  names.clear();
  generation += 1;
}

/**
 * A `pg` client whose parameterised statements are prepared once per connection under a stable
 * name, instead of being parsed and planned on every call. PostgreSQL then plans each of them
 * with the values of its first five calls and afterwards keeps a generic plan if that costs no
 * more than theirs (a statement whose best plan depends on its values keeps being planned per
 * call, as before). On the booking path, planning took longer than executing: the request's view
 * (seven tables, row-level security on each) 3.6 ms to plan and 0.4 ms to run.
 *
 * Plans stay correct across roles and settings: PostgreSQL replans a statement whose row-level
 * security depends on a role other than the current one, and reads `current_setting` when it
 * runs. A statement whose result columns change under it (`RETURNING *` after a migration added
 * a column) would fail: `runMigrations` notifies SCHEMA_CHANGED_CHANNEL, on which every instance
 * forgets its names (`PreparedStatementsReset`); one that ran in between fails once, and its text
 * is then prepared under a new name. Unparameterised text
 * (transaction control, `START TRANSACTION; SELECT set_config(…)`) goes as before, in the simple
 * protocol. Behind a pooler in transaction mode that does not track prepared statements
 * (PgBouncer before 1.21), set `DATABASE_PREPARED_STATEMENTS=off`.
 */
export class PreparingClient extends Client {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    const query = (...args: unknown[]) =>
      (super.query as (...args: unknown[]) => never).apply(this, args);
    const name =
      typeof config === 'string' && Array.isArray(values) && values.length > 0
        ? statementName(config)
        : undefined;
    if (name === undefined || typeof callback === 'function') {
      return query(config, values, callback);
    }
    const named: QueryConfig = { name, text: config as string, values: values as unknown[] };
    const result = query(named) as Promise<unknown>;
    return result.catch((error: unknown) => {
      if ((error as { code?: string }).code === RESULT_TYPE_CHANGED) forget(named.text);
      throw error;
    }) as never;
  }
}
