import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { IndicatorsService } from './indicators.service';
import { MonitoredRequestsService } from './monitored-requests.service';
import { MonitoringController } from './monitoring.controller';

@Module({
  imports: [TerritoryModule],
  controllers: [MonitoringController],
  providers: [MonitoredRequestsService, IndicatorsService],
})
export class MonitoringModule {}
