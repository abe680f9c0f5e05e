import { applyDecorators } from '@nestjs/common';
import { Column, ForeignKey } from 'typeorm';
import { Cpts } from '../cpts/cpts.entity';

/** SQL function defined by the first migration: the CPTS of the current transaction, or null. */
export const CURRENT_CPTS_ID = 'current_cpts_id()';

/**
 * The CPTS a row belongs to. Filled by the database from the transaction's tenant
 * (see Database.tenant), checked by the row-level security policy of its table, and a foreign
 * key to an existing CPTS, which cannot be deleted while it owns rows.
 */
export function TenantColumn(): PropertyDecorator {
  return applyDecorators(
    Column({ type: 'uuid', default: () => CURRENT_CPTS_ID }),
    ForeignKey(() => Cpts, { onDelete: 'RESTRICT' }),
  );
}
