import { EntityManager } from 'typeorm';

/**
 * The rows of an `UPDATE … RETURNING` or `DELETE … RETURNING` run in the manager's transaction:
 * for those, TypeORM's plain `query` answers `[rows, count]` instead of the rows.
 */
export async function returning<T>(
  manager: EntityManager,
  sql: string,
  parameters: unknown[],
): Promise<T[]> {
  if (!manager.queryRunner) throw new Error('returning() runs inside a transaction');
  const result = await manager.queryRunner.query(sql, parameters, true);
  return result.records as T[];
}
