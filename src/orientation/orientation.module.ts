import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AvailabilityEventsModule } from '../availability/availability-events.module';
import { RedirectTargetsModule } from '../redirect-targets/redirect-targets.module';
import { TerritoryModule } from '../territory/territory.module';
import { BookingService } from './booking.service';
import { CoordinationController } from './coordination.controller';
import { CoordinationService } from './coordination.service';
import { OffersController } from './offers.controller';
import { OrientationSweeper } from './orientation-sweeper.service';
import { HoldExpiry } from './hold-expiry.service';
import { ProposalsService } from './proposals.service';
import { SurnumeraireAsks } from './surnumeraire-asks.service';
import { PractitionerAppointmentsController } from './practitioner-appointments.controller';
import { PractitionerAppointmentsService } from './practitioner-appointments.service';
import { ReferralService } from './referral.service';
import { RematchService } from './rematch.service';
import { RequestsController } from './requests.controller';
import { RequestsService } from './requests.service';
import { RequestTransitions } from './request-transitions.service';
import { UrgentMatcher } from './urgent-matcher.service';
import { PeriodicTasksModule } from '../common/periodic-tasks.module';

@Module({
  imports: [
    AvailabilityEventsModule,
    TerritoryModule,
    AuthModule,
    RedirectTargetsModule,
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
