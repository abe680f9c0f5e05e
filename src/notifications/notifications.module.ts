import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { LinkSignerModule } from '../auth/link-signer.module';
import { BrevoSmsChannel } from './channels/brevo-sms.channel';
import { LogChannel } from './channels/log.channel';
import { SmtpEmailChannel } from './channels/smtp-email.channel';
import { SasAppointmentChannel } from './channels/sas-appointment.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import { CHANNEL_QUEUES, NOTIFICATION_QUEUE } from './notification-queue';
import { NotificationSchedulesService } from './notification-schedules.service';
import { NotificationWorkersService } from './notification-workers.service';
import { NotificationsService } from './notifications.service';
import { OutboxRelayService } from './outbox-relay.service';
import { PlatformWebhooksController } from './platform-webhooks.controller';
import { PlatformWebhooksService } from './platform-webhooks.service';

@Module({})
export class NotificationsModule {
  /**
   * Delivery and the ticks of scheduled messages run only in processes that take the worker role.
   * Global, so that any feature can write notifications in its transactions, or register
   * scheduled ones, without importing this module.
   */
  static register(options: { worker: boolean }): DynamicModule {
    return {
      module: NotificationsModule,
      global: true,
      imports: [
        LinkSignerModule,
        BullModule.registerQueue(
          ...[NOTIFICATION_QUEUE, ...Object.values(CHANNEL_QUEUES)].map((name) => ({ name })),
        ),
      ],
      controllers: [PlatformWebhooksController],
      providers: [
        NotificationsService,
        OutboxRelayService,
        PlatformWebhooksService,
        NotificationSchedulesService,
        ...(options.worker
          ? [
              LogChannel,
              BrevoSmsChannel,
              SmtpEmailChannel,
              WebhookChannel,
              SasAppointmentChannel,
              NotificationDeliveryService,
              NotificationWorkersService,
            ]
          : []),
      ],
      exports: [NotificationsService, NotificationSchedulesService],
    };
  }
}
