import { Module } from '@nestjs/common';

import { LinkSignerModule } from '../auth/link-signer.module';
import { BrevoSmsChannel } from './channels/brevo-sms.channel';
import { LogChannel } from './channels/log.channel';
import { SasAppointmentChannel } from './channels/sas-appointment.channel';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { NotificationWorkersService } from './notification-workers.service';
import { NotificationsModule } from './notifications.module';

/** The channels and the queue workers that send notifications: the worker role only. */
@Module({
  imports: [NotificationsModule, LinkSignerModule],
  providers: [
    LogChannel,
    BrevoSmsChannel,
    SmtpEmailChannel,
    WebhookChannel,
    SasAppointmentChannel,
    NotificationDeliveryService,
    NotificationWorkersService,
  ],
})
export class NotificationDeliveryModule {}
