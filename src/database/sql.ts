import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The one way to run raw SQL: the rows of a SELECT and of an `INSERT/UPDATE/DELETE … RETURNING`
 * alike (TypeORM's plain `query` answers `[rows, count]` for the latter), typed. Runs in the
 * manager's transaction, or as one statement on its own with a manager that has none
 * (`Database.manager`): atomic, no BEGIN and COMMIT round trips.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, parameters, true);
    return result.records as T[];
  } finally {
    if (runner !== manager.queryRunner) await runner.release();
  }
}

/**
 * An entity from a raw row of its table (`RETURNING *`, `SELECT *`), converted as TypeORM converts
 * what it reads itself: the row a write returns needs no second read.
 */
export function asEntity<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const metadata = manager.connection.getMetadata(target);
  const { driver } = manager.connection;
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    (entity as Record<string, unknown>)[column.propertyName] = driver.prepareHydratedValue(
      row[column.databaseName],
      column,
    );
  }
  return entity;
}

/** A write to run later, possibly together with others (`runTogether`). */
export interface Statement {
  sql: string;
  parameters: unknown[];
}

/**
 * Runs independent writes as one statement, one round trip: each becomes a data-modifying `WITH`
 * item, its `$n` placeholders renumbered after the previous ones'. They see the same snapshot and
 * not each other's rows (PostgreSQL runs every such item exactly once, in no set order), so only
 * writes that do not read what the others write go together. Each is a plain
 * `INSERT/UPDATE/DELETE` without a `WITH` of its own, and without `$` inside literals.
 */
export async function runTogether(
  manager: EntityManager,
  statements: readonly Statement[],
): Promise<void> {
  if (statements.length === 0) return;
  const [combined, parameters] = combineStatements(statements);
  await queryRows(manager, combined, parameters);
}

export function combineStatements(statements: readonly Statement[]): [string, unknown[]] {
  if (statements.length === 1) return [statements[0].sql, statements[0].parameters];
  const parameters: unknown[] = [];
  const items = statements.map((statement, index) => {
    if (/^\s*WITH\b/i.test(statement.sql)) {
      throw new Error('runTogether takes statements without a WITH of their own');
    }
    const offset = parameters.length;
    parameters.push(...statement.parameters);
    const sql = statement.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
    return `w${index} AS (${sql})`;
  });
  return [`WITH ${items.join(',\n')}\nSELECT 1`, parameters];
}
