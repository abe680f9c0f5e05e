import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../access/role';
import { DomainError } from '../common/domain-error';
import { NotificationsService } from '../notifications/notifications.service';
import { OrientationRequest } from './orientation-request.entity';
import { statusWebhook } from './orientation-notifications';
import { recordHistory } from './request-history';
import { canMove } from './request-lifecycle';
import type { RequestStatus } from './request-status';

export interface Transition {
  /** What the history says happened: the new status when not given. */
  type?: string;
  /** Who moved it; none when the service did by itself. */
  actor?: Actor | null;
  detail?: Record<string, unknown>;
  changes?: Partial<
    Pick<
      OrientationRequest,
      'closedAt' | 'unmetReason' | 'late' | 'assignedPractitionerId' | 'assignedAt'
    >
  >;
}

/**
 * Every status change of a request goes through here: the lifecycle is checked (TRANSITIONS, and
 * the database's trigger behind it), the history entry and the filing platform's webhook are
 * written in the caller's transaction, and the request as it now is comes back.
 */
@Injectable()
export class RequestTransitions {
  constructor(private readonly notifications: NotificationsService) {}

  async move(
    manager: EntityManager,
    request: OrientationRequest,
    to: RequestStatus,
    transition: Transition = {},
  ): Promise<OrientationRequest> {
    if (!canMove(request.status, to)) {
      throw DomainError.conflict(`A ${request.status} request cannot become ${to}.`);
    }
    const changes = { status: to, ...transition.changes };
    await manager.update(OrientationRequest, { id: request.id }, changes);
    await recordHistory(manager, request.id, {
      type: transition.type ?? to,
      actor: transition.actor,
      fromStatus: request.status,
      detail: transition.detail,
    });
    const moved = manager.create(OrientationRequest, { ...request, ...changes });
    await this.notifications.request(manager, statusWebhook(moved, new Date()));
    return moved;
  }
}
