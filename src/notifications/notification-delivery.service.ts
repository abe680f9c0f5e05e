import { Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import type { EntityManager } from 'typeorm';

import { LinkSigner } from '../auth/link-signer.service';
import { MicroBatch } from '../common/micro-batch';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { asEntity, queryRows } from '../database/sql';
import { ChannelQueues } from './channel-queues';
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
  retryAfterOf,
} from './delivery-error';
import { Notification } from './notification.entity';
import { insertNotifications } from './notification-outbox';
import { sendJobId, sendJobOptions, type SendNotificationJob } from './notification-queue';
import { nextAttemptDelay } from './retry-backoff';
import { type RenderedMessage, renderMessage } from './templates/render-message';

const FAILURE_ALERT = 'coordinator.notification_failed';

/**
 * Claims the pending rows among `$1` for the jobs of `$2` (locked in id order, so that concurrent
 * claims cannot deadlock). A row whose attempt is in flight is claimed only by the job that holds
 * it (its own run after a crash): a row in two jobs at once is sent by one. `uncertain`: a previous
 * attempt called the provider and never recorded the answer.
 */
const CLAIM_SQL = `
  UPDATE notification n
     SET attempts = n.attempts + 1, attempt_started_at = now(), claimed_by = previous.holder,
         updated_at = now()
    FROM (SELECT x.id, x.attempt_started_at, c.holder
            FROM notification x JOIN unnest($1::uuid[], $2::text[]) AS c(id, holder) ON c.id = x.id
           WHERE x.status = 'pending'
             AND (x.attempt_started_at IS NULL OR x.claimed_by IS NULL OR x.claimed_by = c.holder)
           ORDER BY x.id FOR UPDATE OF x) previous
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

/** A job's claim of one row: `holder` is the job's id. */
interface ClaimAsk {
  id: string;
  holder: string;
}

/**
 * Sends the outbox rows of a job: claims those still pending (the attempt marked in flight and
 * committed before the provider is called), sends, and records each outcome. After a send of
 * unknown outcome, a provider that can tell (Brevo) is asked first, so that an SMS is not sent
 * twice. A row's own job is retried by BullMQ; a row that fails in a batch goes on in its own job.
 * The claims of the one-row jobs running together in this process share one statement, and so do
 * all records of success (MicroBatch): no provider here takes several messages per call (Brevo's
 * transactional SMS has one recipient per call; SMTP one message per transaction, over pooled
 * connections).
 */
@Injectable()
export class NotificationDeliveryService {
  private readonly logger = new Logger(NotificationDeliveryService.name);
  private readonly sms: DeliveryChannel<Extract<RenderedMessage, { channel: 'sms' }>>;
  private readonly email: DeliveryChannel<Extract<RenderedMessage, { channel: 'email' }>>;
  private readonly claims = new MicroBatch(
    (asks: ClaimAsk[]) => this.claimAll(asks),
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
    private readonly queues: ChannelQueues,
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
    const holder = job.id ?? '';
    if ('notificationIds' in job.data) return this.processBatch(holder, job.data.notificationIds);
    const claim = await this.claims.call({ id: job.data.notificationId, holder });
    if (!claim) return 'skipped';
    const outcome = await this.attempt(claim, {
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      inBatch: false,
    });
    if (outcome === 'sent') return 'sent';
    throw outcome instanceof PermanentDeliveryError
      ? new UnrecoverableError(outcome.message)
      : outcome;
  }

  /**
   * One claim for the batch's rows; each row's failure is settled on its own, and the job
   * succeeds. Should settling one fail (PostgreSQL lost), the job fails once every attempt has
   * ended, so that its retry never overlaps them; the retry claims what is still pending and not
   * in another job's hands (its own attempts of unknown outcome as such).
   */
  private async processBatch(holder: string, ids: string[]): Promise<string> {
    const claims = await this.claimAll(ids.map((id) => ({ id, holder })));
    const outcomes = await Promise.allSettled(
      claims
        .filter((claim): claim is Claim => claim !== undefined)
        .map((claim) =>
          this.attempt(claim, {
            lastAttempt: claim.notification.attempts >= this.config.notificationAttempts,
            inBatch: true,
          }),
        ),
    );
    const broken = outcomes.find((outcome) => outcome.status === 'rejected');
    if (broken) throw broken.reason;
    const sent = outcomes.filter(
      (outcome) => outcome.status === 'fulfilled' && outcome.value === 'sent',
    );
    return `${sent.length} of ${ids.length} sent`;
  }

  /**
   * Renders, sends and records a claimed row. A failure is recorded (`failed` after the last
   * attempt, the coordinators told) and answered; in a batch, a row that may be retried is handed
   * to its own job, which waits out the backoff.
   */
  private async attempt(
    claim: Claim,
    { lastAttempt, inBatch }: { lastAttempt: boolean; inBatch: boolean },
  ): Promise<'sent' | DeliveryError> {
    const { notification } = claim;
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
      const handOver = inBatch && !failed;
      await this.recordFailure(notification, error, failed, handOver);
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
      if (handOver) await this.retryAlone(notification, error);
      return error;
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

  /**
   * One statement for the claims of a batch. A row is claimed once even if asked twice: the ask
   * whose job the row names as its holder gets it.
   */
  private async claimAll(asks: ClaimAsk[]): Promise<Array<Claim | undefined>> {
    const rows = await queryRows<Record<string, unknown> & { id: string; uncertain: boolean }>(
      this.db.manager,
      CLAIM_SQL,
      [asks.map((ask) => ask.id), asks.map((ask) => ask.holder)],
    );
    const claims = new Map<string, Claim>();
    for (const row of rows) {
      const notification = asEntity(this.db.manager, Notification, row);
      claims.set(row.id, { notification, uncertain: row.uncertain });
    }
    return asks.map(({ id, holder }) => {
      const claim = claims.get(id);
      if (claim?.notification.claimedBy !== holder) return undefined;
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

  /**
   * The attempt's error; when it is the last one, `failed` and the coordinators told, once. A row
   * handed over to its own job names that job as its holder, so that an attempt of unknown outcome
   * is taken up by it alone.
   */
  private async recordFailure(
    notification: Notification,
    error: DeliveryError,
    failed: boolean,
    handOver: boolean,
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
          ...(handOver ? { claimedBy: sendJobId(notification.id) } : {}),
        },
      );
      if (failed && result.affected) await this.alertCoordinators(manager, notification);
    });
  }

  /**
   * A row that failed in a batch: its own job, after the backoff, with the attempts it has left.
   * Should Redis refuse, the row stays pending and the sweep enqueues that job.
   */
  private async retryAlone(notification: Notification, error: DeliveryError): Promise<void> {
    const delay = nextAttemptDelay(
      notification.attempts,
      this.config.notificationBackoffMs,
      retryAfterOf(error),
    );
    const attemptsLeft = Math.max(1, this.config.notificationAttempts - notification.attempts);
    try {
      await this.queues.clearFinished(notification.channel, sendJobId(notification.id));
      await this.queues.byChannel[notification.channel].add(
        'send',
        { notificationId: notification.id },
        sendJobOptions(notification.id, attemptsLeft, delay),
      );
    } catch (thrown) {
      this.logger.warn(
        `could not enqueue the retry of notification ${notification.id}, left to the sweep: ${(thrown as Error).message}`,
      );
    }
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
