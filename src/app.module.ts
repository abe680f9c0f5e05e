import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { json, text, urlencoded } from 'express';
import { LoggerModule } from 'nestjs-pino';

import { AccessModule } from './access/access.module';
import { AuthGuard } from './access/auth.guard';
import type { AuthenticatedRequest } from './access/policy.decorators';
import { RateLimitStorage } from './access/rate-limit-storage';
import { AuthModule } from './auth/auth.module';
import { AvailabilityEventsModule } from './availability/live/availability-events.module';
import { AvailabilityNudgesModule } from './availability/nudges/availability-nudges.module';
import { PatternsModule } from './availability/patterns/patterns.module';
import { PractitionersModule } from './availability/practitioners/practitioners.module';
import { SlotsModule } from './availability/slots/slots.module';
import { CallbacksModule } from './callbacks/callbacks.module';
import { CampaignsModule } from './campaigns/campaigns.module';
import { loggerParams } from './common/logging';
import { ProblemFilter } from './common/problem.filter';
import { rejectReservedKeys } from './common/reserved-keys';
import { AppConfig } from './config/app-config';
import { ConsoleModule } from './console/console.module';
import { CptsModule } from './cpts/cpts.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { dataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { GpSpaceModule } from './gp-space/gp-space.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NotificationDeliveryModule } from './notifications/notification-delivery.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { OrientationModule } from './orientation/orientation.module';
import { PeopleAdminModule } from './people/people-admin.module';
import { PrivacyModule } from './privacy/privacy.module';
import { QueueModule } from './queue/queue.module';
import { QueueBackend } from './queue/queue-backend';
import { RedirectTargetsModule } from './redirect-targets/redirect-targets.module';
import { SasModule } from './sas/sas.module';
import { SmartSchedulingModule } from './smart-scheduling/smart-scheduling.module';
import { TerritoryModule } from './territory/territory.module';
import { UiModule } from './ui/ui.module';

export interface AppRuntime {
  config: AppConfig;
  databaseUrl: string;
  queueBackend: QueueBackend;
}

const JSON_LIMIT = '100kb';
const CSV_LIMIT = '20mb';

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, databaseUrl, queueBackend }: AppRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(loggerParams(config.logLevel)),
        TypeOrmModule.forRoot(
          dataSourceOptions(databaseUrl, config.databasePoolSize, config.preparedStatements),
        ),
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(queueBackend),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }],
          storage: new RateLimitStorage(),
          getTracker: (request) => {
            const { caller, ip } = request as AuthenticatedRequest;
            return Promise.resolve(caller?.tokenId ?? caller?.personId ?? ip ?? '');
          },
        }),
        CptsModule,
        AccessModule,
        AuthModule,
        PeopleAdminModule,
        TerritoryModule,
        PractitionersModule,
        AvailabilityEventsModule,
        AvailabilityNudgesModule,
        SlotsModule,
        PatternsModule,
        NotificationsModule,
        ...(config.runsWorker ? [NotificationDeliveryModule] : []),
        OperationsModule,
        OrientationModule,
        PrivacyModule,
        MonitoringModule,
        DashboardModule,
        GpSpaceModule,
        ConsoleModule,
        UiModule,
        CampaignsModule,
        RedirectTargetsModule,
        CallbacksModule,
        SmartSchedulingModule,
        DemoModule,
        SasModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: ProblemFilter },
        // Authentication first, so that the rate limit counts per token.
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
      ],
    };
  }

  /** Body parsers run as Nest middleware so that their errors become problem+json too. */
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(
        json({ limit: JSON_LIMIT, type: ['application/json', 'application/*+json'] }),
        text({ limit: CSV_LIMIT, type: ['text/csv', 'text/plain'] }),
        urlencoded({ extended: false, limit: '10kb' }),
        rejectReservedKeys,
      )
      .forRoutes('*path');
  }
}
