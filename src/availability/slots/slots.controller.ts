import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { ApiProblem } from '../../common/openapi-document';
import { uuidParam } from '../../common/uuid-param';
import { ListSlotsQueryDto } from './dto/list-slots.query';
import { SlotPage, SlotView, SyncResult } from './dto/slot.view';
import { SlotInputDto } from './dto/slot-input.dto';
import { SyncSlotsDto, SyncWindowQueryDto } from './dto/sync-slots.dto';
import { SlotsService } from './slots.service';

@ApiTags('availability')
@Controller()
export class SlotsController {
  constructor(private readonly slots: SlotsService) {}

  @ApiProblem(409, 'The slot overlaps another slot of this practitioner.')
  @Post('practitioners/:id/slots')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  publish(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) practitionerId: string,
    @Body() body: SlotInputDto,
  ): Promise<SlotView> {
    return this.slots.publish(caller, practitionerId, body);
  }

  @ApiProblem(409, 'A listed slot overlaps a booked one; nothing was changed.')
  @Put('practitioners/:id/slots')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  sync(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) practitionerId: string,
    @Query() window: SyncWindowQueryDto,
    @Body() body: SyncSlotsDto,
  ): Promise<SyncResult> {
    return this.slots.sync(caller, practitionerId, window, body.slots);
  }

  @Get('practitioners/:id/slots')
  @Roles('coordinator', 'platform', 'operator', 'practitioner')
  @LinkScope()
  list(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) practitionerId: string,
    @Query() query: ListSlotsQueryDto,
  ): Promise<SlotPage> {
    return this.slots.list(caller, practitionerId, query);
  }

  @ApiProblem(409, 'The slot is held or booked.')
  @Delete('slots/:id')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  @HttpCode(204)
  remove(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) slotId: string) {
    return this.slots.remove(caller, slotId);
  }
}
