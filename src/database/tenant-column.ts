import { Column } from 'typeorm';

/** SQL function defined by the first migration: the CPTS of the current transaction, or null. */
export const CURRENT_CPTS_ID = 'current_cpts_id()';

/**
 * The CPTS a row belongs to. Filled by the database from the transaction's tenant
 * (see Database.tenant), and checked by the row-level security policy of its table.
 */
export function TenantColumn(): PropertyDecorator {
  return Column({ type: 'uuid', default: () => CURRENT_CPTS_ID });
}
