import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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

  tenant<T>(cptsId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `SELECT set_config('app.cpts_id', $1, true), set_config('role', '${TENANT_ROLE}', true)`,
        [cptsId],
      );
      return work(manager);
    });
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
