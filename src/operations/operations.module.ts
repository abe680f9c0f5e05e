import { BullModule } from '@nestjs/bullmq';
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';

import { NOTIFICATION_QUEUE } from '../notifications/notifications.service';
import { HttpMetricsMiddleware, Metrics } from './metrics';
import { OperationsController } from './operations.controller';

@Module({
  imports: [
    TerminusModule.forRoot({ logger: false }),
    BullModule.registerQueue({ name: NOTIFICATION_QUEUE }),
  ],
  controllers: [OperationsController],
  providers: [Metrics, HttpMetricsMiddleware],
})
export class OperationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
