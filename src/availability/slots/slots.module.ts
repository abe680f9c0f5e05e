import { Module } from '@nestjs/common';

import { TerritoryModule } from '../../territory/territory.module';
import { CalendarFeedController } from '../calendar/calendar-feed.controller';
import { CalendarFeedService } from '../calendar/calendar-feed.service';
import { AvailabilityEventsModule } from '../live/availability-events.module';
import { LiveTableController } from '../live/live-table.controller';
import { LiveTableService } from '../live/live-table.service';
import { SlotsController } from './slots.controller';
import { SlotsService } from './slots.service';

/** Urgent slots, the live table built on them, and practitioners' calendar feeds. */
@Module({
  imports: [AvailabilityEventsModule, TerritoryModule],
  controllers: [SlotsController, LiveTableController, CalendarFeedController],
  providers: [SlotsService, LiveTableService, CalendarFeedService],
  exports: [SlotsService],
})
export class SlotsModule {}
