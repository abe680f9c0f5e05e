import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Actor } from '../../access/role';
import { DomainError } from '../../common/domain-error';
import type { RequestStatus } from '../../common/request-status';
import { runTogether, type Statement } from '../../database/sql';
import {
  type NotificationRequest,
  NotificationsService,
} from '../../notifications/notifications.service';
import { statusWebhook } from '../orientation-notifications';
import { OrientationRequest } from './orientation-request.entity';
import { historyStatement } from './request-history';
import { canMove } from './request-lifecycle';

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
  /** The change's own notifications, written with the platform's webhook. */
  notify?: (moved: OrientationRequest) => NotificationRequest[];
  /** The change's other writes that read nothing of it (`runTogether`), written with it. */
  also?: Statement[];
}

/**
 * Every status change of a request goes through here: the lifecycle is checked (TRANSITIONS, and
 * the database's trigger behind it), and the change, its history entry, its notifications with
 * the filing platform's webhook, and the caller's other writes (`also`) are one statement in the
 * caller's transaction: one round trip. The request as it now is comes back.
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
    const metadata = manager.connection.getMetadata(OrientationRequest);
    const columns = Object.keys(changes).map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`OrientationRequest has no column ${property}`);
      return column.databaseName;
    });
    const moved = manager.create(OrientationRequest, { ...request, ...changes });
    const notifications = this.notifications.requestStatement([
      ...statusWebhook(moved, new Date()),
      ...(transition.notify?.(moved) ?? []),
    ]);
    await runTogether(manager, [
      {
        sql: `UPDATE orientation_request
                 SET ${columns.map((column, index) => `"${column}" = $${index + 2}`).join(', ')}
               WHERE id = $1`,
        parameters: [request.id, ...Object.values(changes)],
      },
      historyStatement(request.id, {
        type: transition.type ?? to,
        actor: transition.actor,
        fromStatus: request.status,
        detail: transition.detail,
      }),
      ...(notifications ? [notifications] : []),
      ...(transition.also ?? []),
    ]);
    return moved;
  }
}
