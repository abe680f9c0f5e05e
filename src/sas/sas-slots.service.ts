import { Injectable } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { freeSasSlots } from './sas-slots.queries';
import type { SasSlotRow } from './slot-bundle';
import type { SlotSearch } from './slot-search-query';

/** The role of the search (migration SasPublication): SELECT on a few columns, RLS to consenting GPs. */
export const SAS_READER_ROLE = 'cpts_sas_reader';

/**
 * The free slots of consenting GPs named by RPPS, across every CPTS of the deployment: one
 * set-based statement, in a read-only transaction under a role that can read nothing else.
 */
@Injectable()
export class SasSlotsService {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  async find(search: SlotSearch): Promise<SasSlotRow[]> {
    if (search.rpps.length === 0 || !search.free) return [];
    return this.db.dataSource.transaction(async (manager) => {
      await queryRows(
        manager,
        `SELECT set_config('transaction_read_only', 'on', true), set_config('role', '${SAS_READER_ROLE}', true)`,
      );
      return freeSasSlots(manager, search, this.config.minLeadTimeMs / 1000);
    });
  }
}
