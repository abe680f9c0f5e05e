import { Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';

import { PeriodicTasks } from './periodic-tasks.service';

/** The one way to run periodic work; its timers are in `SchedulerRegistry`, by task name. */
@Module({
  imports: [ScheduleModule.forRoot()],
  providers: [PeriodicTasks],
  exports: [PeriodicTasks],
})
export class PeriodicTasksModule {}
