import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { AvailabilityStream } from './availability-stream.service';
import { parseLastEventId } from './sse';
import { sseResponse } from './sse-response';

@ApiTags('availability')
@ApiBearerAuth()
@Controller('availability/events')
export class AvailabilityEventsController {
  constructor(private readonly stream: AvailabilityStream) {}

  @Get()
  @Roles('coordinator', 'platform', 'operator')
  @ApiProduces('text/event-stream')
  events(
    @CurrentCaller() caller: Caller,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.stream.open(caller.cptsId, parseLastEventId(lastEventId), sseResponse(response));
  }
}
