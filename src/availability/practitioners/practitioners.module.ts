import { Module } from '@nestjs/common';

import { TerritoryModule } from '../../territory/territory.module';
import { AvailabilityEventsModule } from '../live/availability-events.module';
import { PractitionerImportService } from './practitioner-import.service';
import { PractitionersController } from './practitioners.controller';
import { PractitionersService } from './practitioners.service';

@Module({
  imports: [TerritoryModule, AvailabilityEventsModule],
  controllers: [PractitionersController],
  providers: [PractitionersService, PractitionerImportService],
  exports: [PractitionersService, PractitionerImportService],
})
export class PractitionersModule {}
