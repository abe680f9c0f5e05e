import { Injectable } from '@nestjs/common';
import type { Caller } from '../access/role';
import { Database } from '../database/database';

/** The append-only log of accesses to requests (table request_access). */
@Injectable()
export class RequestAccessLog {
  constructor(private readonly db: Database) {}

  async record(caller: Caller, action: string, requestIds: string[]): Promise<void> {
    if (requestIds.length === 0) return;
    await this.db.tenant(caller.cptsId, (manager) =>
      manager.query(
        `INSERT INTO request_access (request_id, token_id, action)
         SELECT unnest($1::uuid[]), $2, $3`,
        [requestIds, caller.tokenId, action],
      ),
    );
  }
}
