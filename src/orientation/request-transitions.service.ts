import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { OrientationRequest } from './orientation-request.entity';
import { statusWebhook } from './orientation-notifications';
import type { RequestStatus } from './request-status';

type Changes = Partial<
  Pick<
    OrientationRequest,
    'closedAt' | 'unmetReason' | 'late' | 'assignedPractitionerId' | 'assignedAt'
  >
>;

/** Every status change of a request goes through here, so that its platform always hears of it. */
@Injectable()
export class RequestTransitions {
  constructor(private readonly notifications: NotificationsService) {}

  /** Moves a locked request to a status, in the caller's transaction. */
  async move(
    manager: EntityManager,
    request: OrientationRequest,
    status: RequestStatus,
    changes: Changes = {},
  ) {
    if (request.status === status && Object.keys(changes).length === 0) return;
    await manager.update(OrientationRequest, { id: request.id }, { status, ...changes });
    Object.assign(request, { status, ...changes });
    await this.notifications.request(manager, statusWebhook(request, new Date()));
  }
}
