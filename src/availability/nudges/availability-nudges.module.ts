import { Module } from '@nestjs/common';

import { AuthModule } from '../../auth/auth.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { AvailabilityNudges } from './availability-nudges.service';

/** The GPs' scheduled nudges about their availability and capacity. */
@Module({
  imports: [AuthModule, NotificationsModule],
  providers: [AvailabilityNudges],
})
export class AvailabilityNudgesModule {}
