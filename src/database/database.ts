import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

import { isUuid } from '../common/uuid';
import { runExclusive } from './exclusive';
import type { LockId } from './lock-ids';

export const TENANT_ROLE = 'cpts_tenant';

/**
 * The way into the database. Every request of a caller runs in `tenant(cptsId, …)`: the
 * transaction takes the `cpts_tenant` role, whose row-level security policies show and accept
 * only that CPTS's rows, so no query has to remember to filter by CPTS. `system(…)` is for the
 * few things that work across CPTS: authentication, sweeps, the CLI.
 */
@Injectable()
export class Database {
  constructor(readonly dataSource: DataSource) {}

  async tenant<T>(cptsId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!isUuid(cptsId)) throw new Error('a tenant transaction needs the UUID of a CPTS');
    const runner = this.dataSource.createQueryRunner();
    try {
      beginAsTenant(runner, cptsId);
      return await runner.manager.transaction(work);
    } finally {
      await runner.release();
    }
  }

  system<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Periodic work once across instances: a `system` transaction that runs `work` only if it gets
   * the advisory lock `id` (see `runExclusive`); `undefined` when another instance holds it.
   */
  exclusive<T>(id: LockId, work: (manager: EntityManager) => Promise<T>): Promise<T | undefined> {
    return this.system((manager) => runExclusive(manager, id, () => work(manager)));
  }

  /** For a statement on its own, outside any transaction (`queryRows`). */
  get manager(): EntityManager {
    return this.dataSource.manager;
  }
}

/**
 * The tenant's settings travel with the transaction's `START TRANSACTION`, as one simple-protocol
 * message of two statements: one round trip instead of two on every request. TypeORM still runs
 * the transaction (nesting, commit, rollback); only the text of its first statement changes. The
 * CPTS id is written into the SQL, hence checked as a UUID by the caller.
 */
function beginAsTenant(runner: QueryRunner, cptsId: string): void {
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) => {
    if (sql !== 'START TRANSACTION') return query(sql, ...(rest as []));
    runner.query = query;
    return query(
      `START TRANSACTION; SELECT set_config('app.cpts_id', '${cptsId}', true), ` +
        `set_config('role', '${TENANT_ROLE}', true)`,
    );
  }) as QueryRunner['query'];
}
