import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { uuidParam } from '../../common/uuid-param';
import { PractitionerAppointmentPage } from './dto/practitioner-appointment.view';
import { PractitionerAppointmentsQuery } from './dto/practitioner-appointments.query';
import { PractitionerAppointmentsService } from './practitioner-appointments.service';

/** Patient data: a full session or a token only, never the link in a message (no @LinkScope). */
@ApiTags('practitioners')
@Controller('practitioners')
export class PractitionerAppointmentsController {
  constructor(private readonly appointments: PractitionerAppointmentsService) {}

  @Get(':id/appointments')
  @Roles('practitioner', 'coordinator')
  list(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Query() query: PractitionerAppointmentsQuery,
  ): Promise<PractitionerAppointmentPage> {
    return this.appointments.list(caller, id, query);
  }
}
