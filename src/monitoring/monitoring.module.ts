import { Module } from '@nestjs/common';

import { NotificationsModule } from '../notifications/notifications.module';
import { TerritoryModule } from '../territory/territory.module';
import { CoordinatorDigests } from './coordinator-digests.service';
import { IndicatorsService } from './indicators.service';
import { MonitoredRequestsService } from './monitored-requests.service';
import { MonitoringController } from './monitoring.controller';

@Module({
  imports: [TerritoryModule, NotificationsModule],
  controllers: [MonitoringController],
  providers: [MonitoredRequestsService, IndicatorsService, CoordinatorDigests],
})
export class MonitoringModule {}
