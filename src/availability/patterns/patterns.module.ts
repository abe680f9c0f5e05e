import { Module } from '@nestjs/common';

import { PeriodicTasksModule } from '../../common/periodic-tasks.module';
import { SlotsModule } from '../slots/slots.module';
import { PatternGenerator } from './pattern-generator.service';
import { PatternsController } from './patterns.controller';
import { PatternsService } from './patterns.service';

/** Weekly patterns, absences, and the slots generated from them. */
@Module({
  imports: [SlotsModule, PeriodicTasksModule],
  controllers: [PatternsController],
  providers: [PatternsService, PatternGenerator],
  exports: [PatternsService],
})
export class PatternsModule {}
