import { Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from 'typeorm';

import { LinkSigner } from '../auth/link-signer.service';
import { MicroBatch } from '../common/micro-batch';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { asEntity, queryRows } from '../database/sql';
import { BrevoSmsChannel } from './channels/brevo-sms.channel';
import type { Delivery, DeliveryChannel } from './channels/delivery-channel';
import { LogChannel } from './channels/log.channel';
import { SasAppointmentChannel } from './channels/sas-appointment.channel';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import {
  type DeliveryError,
  PermanentDeliveryError,
  RetryableDeliveryError,
} from './delivery-error';
import { Notification } from './notification.entity';
import { insertNotifications } from './notification-outbox';
import type { SendNotificationJob } from './notification-queue';
import { type RenderedMessage, renderMessage } from './templates/render-message';

const FAILURE_ALERT = 'coordinator.notification_failed';

/**
 * Claims the pending rows among `$1` (locked in id order, so that concurrent claims cannot
 * deadlock). `uncertain`: a previous attempt called the provider and never recorded the answer.
 */
const CLAIM_SQL = `
  UPDATE notification n
     SET attempts = n.attempts + 1, attempt_started_at = now(), updated_at = now()
    FROM (SELECT id, attempt_started_at FROM notification
           WHERE id = ANY($1::uuid[]) AND status = 'pending' ORDER BY id FOR UPDATE) previous
   WHERE n.id = previous.id
  RETURNING n.*, previous.attempt_started_at IS NOT NULL AS uncertain`;

const RECORD_SENT_SQL = `
  UPDATE notification n
     SET status = 'sent', provider_message_id = v.provider_message_id, sent_at = now(),
         attempt_started_at = NULL, last_error = NULL, updated_at = now()
    FROM unnest($1::uuid[], $2::text[]) AS v(id, provider_message_id)
   WHERE n.id = v.id AND n.status = 'pending'`;

/** How long a claim or a record waits for others to share its statement, and how many may. */
const BATCH_WINDOW_MS = 5;
const BATCH_MAX = 100;

interface Claim {
  notification: Notification;
  /** A previous attempt called the provider and never recorded the answer. */
  uncertain: boolean;
}

/**
 * Sends one outbox row: reloads it, skips it unless pending, marks the attempt in flight (committed
 * before the provider is called), sends, and records the outcome. After a send of unknown outcome,
 * a provider that can tell (Brevo) is asked first, so that an SMS is not sent twice. The claims of
 * the jobs running together in this process share one statement, and so do their records of
 * success (MicroBatch): no provider here takes several messages per call (Brevo's transactional
 * SMS has one recipient per call; SMTP one message per transaction, over pooled connections).
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);
  private readonly sms: DeliveryChannel<Extract<RenderedMessage, { channel: 'sms' }>>;
  private readonly email: DeliveryChannel<Extract<RenderedMessage, { channel: 'email' }>>;
  private readonly claims = new MicroBatch(
    (ids: string[]) => this.claimAll(ids),
    BATCH_WINDOW_MS,
    BATCH_MAX,
  );
  private readonly sentRecords = new MicroBatch(
    (sent: Array<{ id: string; delivery: Delivery }>) => this.recordAllSent(sent),
    BATCH_WINDOW_MS,
    BATCH_MAX,
  );

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
    log: LogChannel,
    brevo: BrevoSmsChannel,
    smtp: SmtpEmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly sas: SasAppointmentChannel,
    private readonly links: LinkSigner,
  ) {
    this.sms = config.smsProvider === 'brevo' ? brevo : log;
    this.email = config.smtpUrl ? smtp : log;
  }

  async process(job: Job<SendNotificationJob>): Promise<string> {
    const claim = await this.claim(job.data.notificationId);
    if (!claim) return 'skipped';
    const { notification } = claim;
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const message = renderMessage(
        notification.channel,
        notification.template,
        await this.links.withLink(notification.params),
      );
      const delivery = await this.send(claim, message);
      await this.recordSent(notification.id, delivery);
      return 'sent';
    } catch (thrown) {
      const error = asDeliveryError(thrown);
      const permanent = error instanceof PermanentDeliveryError;
      const failed = permanent || lastAttempt;
      await this.recordFailure(notification, error, failed);
      this.logger.warn(
        {
          notificationId: notification.id,
          channel: notification.channel,
          attempt: notification.attempts,
          permanent,
          failed,
          error: error.message,
        },
        'notification delivery failed',
      );
      throw permanent ? new UnrecoverableError(error.message) : error;
    }
  }

  private async send(claim: Claim, message: RenderedMessage): Promise<Delivery> {
    const { notification, uncertain } = claim;
    switch (message.channel) {
      case 'sms': {
        const earlier = uncertain ? await this.sms.findAccepted?.(notification) : undefined;
        return earlier ?? this.sms.deliver(notification, message);
      }
      case 'email':
        return this.email.deliver(notification, message);
      case 'webhook':
        return this.webhook.deliver(notification, message);
      case 'sas':
        return this.sas.deliver(notification, uncertain);
    }
  }

  /** Committed before the provider is called: the row locked, counted, marked. */
  private claim(id: string): Promise<Claim | undefined> {
    return this.claims.call(id);
  }

  /** One statement for the claims of a batch; a row is claimed once even if asked twice. */
  private async claimAll(ids: string[]): Promise<Array<Claim | undefined>> {
    const rows = await queryRows<Record<string, unknown> & { id: string; uncertain: boolean }>(
      this.db.manager,
      CLAIM_SQL,
      [[...new Set(ids)]],
    );
    const claims = new Map<string, Claim>();
    for (const row of rows) {
      const notification = asEntity(this.db.manager, Notification, row);
      claims.set(row.id, { notification, uncertain: row.uncertain });
    }
    return ids.map((id) => {
      const claim = claims.get(id);
      claims.delete(id);
      return claim;
    });
  }

  private recordSent(id: string, delivery: Delivery): Promise<void> {
    return this.sentRecords.call({ id, delivery });
  }

  private async recordAllSent(sent: Array<{ id: string; delivery: Delivery }>): Promise<void[]> {
    await queryRows(this.db.manager, RECORD_SENT_SQL, [
      sent.map((record) => record.id),
      sent.map((record) => record.delivery.providerMessageId),
    ]);
    return sent.map(() => undefined);
  }

  /** The attempt's error; when it is the last one, `failed` and the coordinators told, once. */
  private async recordFailure(
    notification: Notification,
    error: DeliveryError,
    failed: boolean,
  ): Promise<void> {
    const uncertain = error instanceof RetryableDeliveryError && error.hints.uncertain === true;
    await this.db.system(async (manager) => {
      const result = await manager.update(
        Notification,
        { id: notification.id, status: 'pending' },
        {
          status: failed ? 'failed' : 'pending',
          lastError: error.message.slice(0, 500),
          ...(uncertain ? {} : { attemptStartedAt: null }),
        },
      );
      if (failed && result.affected) await this.alertCoordinators(manager, notification);
    });
  }

  private async alertCoordinators(manager: EntityManager, failed: Notification): Promise<void> {
    if (failed.template === FAILURE_ALERT) return;
    const reference = failed.params.reference;
    await insertNotifications(
      manager,
      this.config.coordinatorEmails.map((email) => ({
        channel: 'email',
        recipient: email,
        template: FAILURE_ALERT,
        params: {
          ...(typeof reference === 'string' ? { reference } : {}),
          template: failed.template,
          channel: failed.channel,
        },
        requestId: failed.requestId ?? undefined,
        dedupeKey: `${FAILURE_ALERT}:${failed.id}:${email}`,
      })),
      failed.cptsId,
    );
  }
}

/** Anything unforeseen (a database error after the send, a bug) is retried as of unknown outcome. */
function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof PermanentDeliveryError || error instanceof RetryableDeliveryError) {
    return error;
  }
  return new RetryableDeliveryError(`unexpected ${error instanceof Error ? error.name : 'error'}`, {
    uncertain: true,
  });
}
