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
