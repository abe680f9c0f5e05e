import type { EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error';
import { OrientationRequest } from './orientation-request.entity';

/**
 * The request's row, locked until the transaction ends: every change to a request reads it this
 * way first, so changes to one request run one after the other. Null when there is none.
 */
export function findLockedRequest(
  manager: EntityManager,
  id: string,
): Promise<OrientationRequest | null> {
  return manager.findOne(OrientationRequest, {
    where: { id },
    lock: { mode: 'pessimistic_write' },
  });
}

/** `findLockedRequest`, for a request that must exist: not found otherwise. */
export async function lockRequest(manager: EntityManager, id: string): Promise<OrientationRequest> {
  const request = await findLockedRequest(manager, id);
  if (!request) throw DomainError.notFound('Request');
  return request;
}
