import { Injectable } from '@nestjs/common';

import type { Caller } from '../access/role';
import { MicroBatch } from '../common/micro-batch';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';

interface Access {
  caller: Caller;
  action: string;
  requestIds: string[];
}

/** Accesses written in one statement at most (a call rarely touches more than a page of 50). */
const BATCH_MAX = 100;

/** The append-only log of accesses to requests (table request_access). */
@Injectable()
export class RequestAccessLog {
  /** Calls answered together share one insert, without waiting for one another (group commit). */
  private readonly batch = new MicroBatch(
    (accesses: Access[]) => this.insertAll(accesses),
    0,
    BATCH_MAX,
  );

  constructor(private readonly db: Database) {}

  /**
   * Written outside a tenant transaction (four round trips fewer on every audited call): the CPTS
   * is the caller's, and the ids are of requests the call has just answered about, which the
   * caller's tenant transaction could see. Resolves once the row is committed.
   */
  async record(caller: Caller, action: string, requestIds: string[]): Promise<void> {
    if (requestIds.length === 0) return;
    const failure = await this.batch.call({ caller, action, requestIds });
    if (failure) throw failure;
  }

  /**
   * One statement for the accesses of concurrent calls. Should it fail, each is written on its
   * own, so that only a call whose own trace cannot be written fails.
   */
  private async insertAll(accesses: Access[]): Promise<Array<Error | undefined>> {
    try {
      await this.insert(accesses);
      return accesses.map(() => undefined);
    } catch (error) {
      if (accesses.length === 1) return [error as Error];
      return Promise.all(
        accesses.map((access) =>
          this.insert([access]).then(
            () => undefined,
            (failure: unknown) => failure as Error,
          ),
        ),
      );
    }
  }

  private async insert(accesses: Access[]): Promise<void> {
    const rows = accesses.flatMap(({ caller, action, requestIds }) =>
      requestIds.map((requestId) => [
        caller.cptsId,
        requestId,
        caller.tokenId,
        caller.personId,
        action,
      ]),
    );
    const column = (index: number) => rows.map((row) => row[index]);
    await queryRows(
      this.db.manager,
      `INSERT INTO request_access (cpts_id, request_id, token_id, person_id, action)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[])`,
      [column(0), column(1), column(2), column(3), column(4)],
    );
  }
}
