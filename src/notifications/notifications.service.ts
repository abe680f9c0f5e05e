import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { toParisIso } from '../common/paris-time';
import { isUuid } from '../common/uuid';
import { AppConfig } from '../config/app-config';
import type { Statement } from '../database/sql';
import { NotificationView } from './dto/notification.view';
import { Notification } from './notification.entity';
import { insertNotifications, notificationsStatement } from './notification-outbox';
import type { NotificationRequest } from './notification-request';
import { maskRecipient } from './recipient-mask';
import { templateSupports } from './templates/render-message';
import type { TemplateName } from './templates/template-catalogue';

// What other features use of this one.
export { insertNotifications } from './notification-outbox';
export { NOTIFICATION_QUEUE } from './notification-queue';
export type { NotificationRequest } from './notification-request';
export type {
  DigestItem,
  SasAppointmentChange,
  TemplateMessage,
} from './templates/template-catalogue';

export { NotificationView };

@Injectable()
export class NotificationsService {
  constructor(private readonly config: AppConfig) {}

  /**
   * Records notifications in the caller's tenant transaction: they exist if and only if the change
   * that causes them commits. The outbox relay queues them once committed. A webhook request is
   * kept only when its platform token has a webhook URL; a repeated dedupe key is skipped (both in
   * insertNotifications' one statement). Messages to the SAS platform (channel `sas`) are dropped
   * when this deployment is not connected to it (no SAS_* configuration).
   */
  async request(
    manager: EntityManager,
    requests: NotificationRequest[],
  ): Promise<Array<{ id: string }>> {
    return insertNotifications(manager, this.accepted(requests));
  }

  /** The insert of `request`, to run with the change's other writes (`runTogether`). */
  requestStatement(requests: NotificationRequest[]): Statement | undefined {
    return notificationsStatement(this.accepted(requests));
  }

  private accepted(requests: NotificationRequest[]): NotificationRequest[] {
    for (const request of requests) {
      if (!templateSupports(request.template, request.channel)) {
        throw new Error(`template ${request.template} has no ${request.channel} version`);
      }
    }
    this.checkWebhookRecipients(requests);
    return this.config.sas ? requests : requests.filter(({ channel }) => channel !== 'sas');
  }

  /** Removes what is still waiting to be sent (the reminder of a cancelled appointment). */
  async cancelPending(
    manager: EntityManager,
    requestId: string,
    template: TemplateName,
  ): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .delete()
      .from(Notification)
      .where(`request_id = :requestId AND template = :template AND status = 'pending'`, {
        requestId,
        template,
      })
      .execute();
    return result.affected ?? 0;
  }

  async listForRequest(manager: EntityManager, requestId: string): Promise<NotificationView[]> {
    const rows = await manager.find(Notification, {
      where: { requestId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => ({
      id: row.id,
      channel: row.channel,
      recipient: maskRecipient(row.channel, row.recipient),
      template: row.template,
      status: row.status,
      attempts: row.attempts,
      sendAt: toParisIso(row.sendAt),
      ...(row.sentAt ? { sentAt: toParisIso(row.sentAt) } : {}),
      ...(row.lastError ? { lastError: row.lastError } : {}),
    }));
  }

  /** A webhook's recipient is a token id: anything else is a bug of the caller, not a message. */
  private checkWebhookRecipients(requests: NotificationRequest[]): void {
    const invalid = requests.find((r) => r.channel === 'webhook' && !isUuid(r.recipient));
    if (invalid) throw new Error('a webhook recipient must be an access token id');
  }
}
