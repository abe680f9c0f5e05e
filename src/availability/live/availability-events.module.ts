import { Module } from '@nestjs/common';

import { PeriodicTasksModule } from '../../common/periodic-tasks.module';
import { AvailabilityEventAssigner } from './availability-event-assigner.service';
import { AvailabilityEventsController } from './availability-events.controller';
import { AvailabilityEvents } from './availability-events.service';
import { AvailabilityStream } from './availability-stream.service';

/** The availability event journal and its stream; other modules record events through it. */
@Module({
  imports: [PeriodicTasksModule],
  controllers: [AvailabilityEventsController],
  providers: [AvailabilityEvents, AvailabilityStream, AvailabilityEventAssigner],
  exports: [AvailabilityEvents],
})
export class AvailabilityEventsModule {}
