import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * An entity from a raw row of its table (`RETURNING *`, `SELECT *`), converted as TypeORM converts
 * what it reads itself: the row a write returns needs no second read.
 */
export function hydrate<T extends ObjectLiteral>(
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
