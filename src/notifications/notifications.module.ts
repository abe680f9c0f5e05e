import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';

import { PeriodicTasksModule } from '../common/periodic-tasks.module';
import { ChannelQueues } from './channel-queues';
import { CHANNEL_QUEUES, NOTIFICATION_QUEUE } from './notification-queue';
import { NotificationSchedulesService } from './notification-schedules.service';
import { NotificationsService } from './notifications.service';
import { OutboxRelayService } from './outbox-relay.service';
import { PlatformWebhooksController } from './platform-webhooks.controller';
import { PlatformWebhooksService } from './platform-webhooks.service';

/**
 * What features use: writing notifications in their transactions (`NotificationsService`) and
 * registering scheduled messages (`NotificationSchedulesService`), in every role. Delivery is
 * `NotificationDeliveryModule`, loaded in the processes that take the worker role.
 */
@Module({
  imports: [
    BullModule.registerQueue(
      ...[NOTIFICATION_QUEUE, ...Object.values(CHANNEL_QUEUES)].map((name) => ({ name })),
    ),
    PeriodicTasksModule,
  ],
  controllers: [PlatformWebhooksController],
  providers: [
    ChannelQueues,
    NotificationsService,
    OutboxRelayService,
    PlatformWebhooksService,
    NotificationSchedulesService,
  ],
  exports: [NotificationsService, NotificationSchedulesService, ChannelQueues, BullModule],
})
export class NotificationsModule {}
