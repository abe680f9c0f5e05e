import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { PgListener } from './pg-listener';
import { forgetStatements, SCHEMA_CHANGED_CHANNEL } from './prepared-statements';

/**
 * Forgets this instance's statement names when a migration changed the schema (or when the
 * listener reconnects, having perhaps missed it), so that a `RETURNING *` prepared for the old
 * columns is prepared again rather than refused by PostgreSQL.
 */
@Injectable()
export class PreparedStatementsReset implements OnApplicationBootstrap {
  constructor(private readonly listener: PgListener) {}

  onApplicationBootstrap(): Promise<void> {
    return this.listener.listen(SCHEMA_CHANGED_CHANNEL, forgetStatements, forgetStatements);
  }
}
