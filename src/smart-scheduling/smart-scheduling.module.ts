import { Module } from '@nestjs/common';

import { TerritoryModule } from '../territory/territory.module';
import { SmartPublicationController } from './smart-publication.controller';
import { SmartPublicationService } from './smart-publication.service';

@Module({
  imports: [TerritoryModule],
  controllers: [SmartPublicationController],
  providers: [SmartPublicationService],
})
export class SmartSchedulingModule {}
