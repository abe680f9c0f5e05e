import { applyDecorators } from '@nestjs/common';
import { Column, ForeignKey } from 'typeorm';

import { Cpts } from '../cpts/cpts.entity';

/** SQL function defined by the first migration: the CPTS of the current transaction, or null. */
export const CURRENT_CPTS_ID = 'current_cpts_id()';

/**
 * The CPTS a row belongs to. Filled by the database from the transaction's tenant
 * (see Database.tenant), checked by the row-level security policy of its table, and a foreign
 * key to an existing CPTS, which cannot be deleted while it owns rows.
 *
 * `viaParent`: the row's table instead declares a composite foreign key (cpts_id, parent_id) to a
 * parent of the same CPTS (see TenantKey). The CPTS is then checked through the parent, and an
 * insert locks (FOR KEY SHARE) the parent row, which its transaction already holds, rather than the
 * `cpts` row that every concurrent booking of the CPTS would share.
 */
export function TenantColumn(options: { viaParent?: boolean } = {}): PropertyDecorator {
  const column = Column({ type: 'uuid', default: () => CURRENT_CPTS_ID });
  return options.viaParent
    ? column
    : applyDecorators(
        column,
        ForeignKey(() => Cpts, { onDelete: 'RESTRICT' }),
      );
}
