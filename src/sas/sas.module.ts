import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { FhirListener } from './fhir-listener';
import { SasSearchService } from './sas-search.service';
import { SasSlotsService } from './sas-slots.service';

/** The national SAS platform's access to consenting GPs' urgent slots (docs/sas-fhir.md). */
@Module({
  imports: [TerritoryModule],
  providers: [SasSlotsService, SasSearchService, FhirListener],
  exports: [FhirListener],
})
export class SasModule {}
