import { Module } from '@nestjs/common';

import { CommunesController } from './communes.controller';
import { CommunesService } from './communes.service';
import { TerritoryController } from './territory.controller';
import { TerritoryService } from './territory.service';

@Module({
  controllers: [CommunesController, TerritoryController],
  providers: [CommunesService, TerritoryService],
  exports: [CommunesService],
})
export class TerritoryModule {}
