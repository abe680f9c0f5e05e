import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Actor } from '../../access/role';
import { DomainError } from '../../common/domain-error';
import type { RequestStatus } from '../../common/request-status';
import { queryRows } from '../../database/sql';
import {
  type NotificationRequest,
  NotificationsService,
} from '../../notifications/notifications.service';
import { statusWebhook } from '../orientation-notifications';
import { OrientationRequest } from './orientation-request.entity';
import { historyValues } from './request-history';
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
  /** The change's own notifications, written with the platform's webhook in one statement. */
  notify?: (moved: OrientationRequest) => NotificationRequest[];
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
    // The change and its history entry in one statement: one round trip.
    const metadata = manager.connection.getMetadata(OrientationRequest);
    const columns = Object.keys(changes).map((property) => {
      const column = metadata.findColumnWithPropertyName(property);
      if (!column) throw new Error(`OrientationRequest has no column ${property}`);
      return column.databaseName;
    });
    const entry = historyValues(request.id, {
      type: transition.type ?? to,
      actor: transition.actor,
      fromStatus: request.status,
      detail: transition.detail,
    });
    await queryRows(
      manager,
      `WITH moved AS (
         UPDATE orientation_request
            SET ${columns.map((column, index) => `"${column}" = $${index + 7}`).join(', ')}
          WHERE id = $1 RETURNING id)
       INSERT INTO request_event (request_id, type, actor_token_id, actor_person_id, from_status, detail)
       SELECT $1::uuid, $2::text, $3::uuid, $4::uuid, $5::text, $6::jsonb FROM moved`,
      [...entry, ...Object.values(changes)],
    );
    const moved = manager.create(OrientationRequest, { ...request, ...changes });
    await this.notifications.request(manager, [
      ...statusWebhook(moved, new Date()),
      ...(transition.notify?.(moved) ?? []),
    ]);
    return moved;
  }
}
