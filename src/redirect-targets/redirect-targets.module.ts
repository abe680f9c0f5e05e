import { Module } from '@nestjs/common';

import { TerritoryModule } from '../territory/territory.module';
import { RedirectTargetsController } from './redirect-targets.controller';
import { RedirectTargetsService } from './redirect-targets.service';

/** Where the call platform redirects patients (MMG, teleconsultation, emergencies), and when. */
@Module({
  imports: [TerritoryModule],
  controllers: [RedirectTargetsController],
  providers: [RedirectTargetsService],
  exports: [RedirectTargetsService],
})
export class RedirectTargetsModule {}
