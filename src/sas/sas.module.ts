import { Module } from '@nestjs/common';

import { TerritoryModule } from '../territory/territory.module';
import { FhirListener } from './fhir-listener';
import { SasBookingController } from './sas-booking.controller';
import { SasBookingService } from './sas-booking.service';
import { SasSearchService } from './sas-search.service';
import { SasSlotsService } from './sas-slots.service';

/**
 * The national SAS platform: its access to consenting GPs' urgent slots (docs/sas-fhir.md), and
 * booking by its regulators (docs/sas-booking.md).
 */
@Module({
  imports: [TerritoryModule],
  controllers: [SasBookingController],
  providers: [SasSlotsService, SasSearchService, FhirListener, SasBookingService],
  exports: [FhirListener, SasBookingService],
})
export class SasModule {}
