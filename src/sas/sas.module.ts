import { Module } from '@nestjs/common';
import { TerritoryModule } from '../territory/territory.module';
import { SasBookingController } from './sas-booking.controller';
import { SasBookingService } from './sas-booking.service';

@Module({
  imports: [TerritoryModule],
  controllers: [SasBookingController],
  providers: [SasBookingService],
  exports: [SasBookingService],
})
export class SasModule {}
