import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { uuidParam } from '../common/uuid-param';
import { SasPractitionerSlots } from './dto/sas-slots.view';
import { SasBookingService } from './sas-booking.service';

@ApiTags('sas')
@Controller('sas')
export class SasBookingController {
  constructor(private readonly booking: SasBookingService) {}

  /** The GP of a SAS booking link and their free slots, for the regulator who followed it. */
  @Get('practitioners/:id/slots')
  @Roles('regulator', 'coordinator')
  freeSlots(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<SasPractitionerSlots> {
    return this.booking.freeSlots(caller, id);
  }
}
