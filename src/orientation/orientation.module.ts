import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { AvailabilityEventsModule } from '../availability/live/availability-events.module';
import { PeriodicTasksModule } from '../common/periodic-tasks.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { RedirectTargetsModule } from '../redirect-targets/redirect-targets.module';
import { TerritoryModule } from '../territory/territory.module';
import { PractitionerAppointmentsController } from './appointments/practitioner-appointments.controller';
import { PractitionerAppointmentsService } from './appointments/practitioner-appointments.service';
import { CoordinationController } from './coordination/coordination.controller';
import { CoordinationService } from './coordination/coordination.service';
import { OrientationSweeper } from './orientation-sweeper.service';
import { OffersController } from './referral/offers.controller';
import { ReferralService } from './referral/referral.service';
import { RequestTransitions } from './requests/request-transitions.service';
import { RequestsController } from './requests/requests.controller';
import { RequestsService } from './requests/requests.service';
import { BookingService } from './urgent/booking.service';
import { HoldExpiry } from './urgent/hold-expiry.service';
import { ProposalsService } from './urgent/proposals.service';
import { RematchService } from './urgent/rematch.service';
import { SurnumeraireAsks } from './urgent/surnumeraire-asks.service';
import { UrgentMatcher } from './urgent/urgent-matcher.service';

@Module({
  imports: [
    AvailabilityEventsModule,
    TerritoryModule,
    AuthModule,
    RedirectTargetsModule,
    NotificationsModule,
    PeriodicTasksModule,
  ],
  controllers: [
    RequestsController,
    CoordinationController,
    OffersController,
    PractitionerAppointmentsController,
  ],
  providers: [
    RequestTransitions,
    BookingService,
    UrgentMatcher,
    ReferralService,
    RematchService,
    RequestsService,
    CoordinationService,
    OrientationSweeper,
    HoldExpiry,
    ProposalsService,
    SurnumeraireAsks,
    PractitionerAppointmentsService,
  ],
  exports: [RequestsService],
})
export class OrientationModule {}
