import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

import { AppConfig } from '../../config/app-config';
import { type SmtpErrorLike, smtpFailure } from '../delivery-error';
import type { Notification } from '../notification.entity';
import type { Delivery, DeliveryChannel, EmailMessage } from './delivery-channel';

/**
 * Connections kept open; when the e-mail worker runs more sends at once (`deliveryConcurrency`),
 * the others wait in the pool's queue, their claims already committed.
 */
const POOL_CONNECTIONS = 8;

/**
 * E-mail through the SMTP relay of SMTP_URL. SMTP cannot be asked whether it already took a
 * message, so a crash between its acceptance and our record resends: at least once. The
 * Message-ID is the notification's, which lets a mail system recognise the duplicate. SMTP takes one
 * message per transaction: the transport keeps a few connections open (`pool`) and sends message
 * after message on them, instead of a connection and a greeting per e-mail.
 */
@Injectable()
export class SmtpEmailChannel implements DeliveryChannel<EmailMessage>, OnModuleDestroy {
  private transport: Transporter | undefined;

  constructor(private readonly config: AppConfig) {}

  async deliver(notification: Notification, message: EmailMessage): Promise<Delivery> {
    try {
      const info = (await this.transporter().sendMail({
        from: this.config.mailFrom,
        to: notification.recipient,
        subject: message.subject,
        text: message.text,
        messageId: `<${notification.id}@cpts-orientation>`,
        headers: { 'X-CPTS-Notification': notification.id },
      })) as { messageId: string };
      return { providerMessageId: info.messageId };
    } catch (error) {
      throw smtpFailure(error as SmtpErrorLike);
    }
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    const timeout = this.config.notificationTimeoutMs;
    this.transport ??= createTransport({
      url: this.config.smtpUrl,
      pool: true,
      maxConnections: POOL_CONNECTIONS,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
    return this.transport;
  }
}
