import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentCaller, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { AvailabilityStream } from './availability-stream.service';
import { CapacityEventPayload, SlotEventPayload } from './dto/availability-event.view';
import { parseLastEventId } from './sse';
import { sseResponse } from './sse-response';

@ApiTags('availability')
@Controller('availability/events')
export class AvailabilityEventsController {
  constructor(private readonly stream: AvailabilityStream) {}

  @Get()
  @Roles('coordinator', 'platform', 'operator')
  @ApiExtraModels(SlotEventPayload, CapacityEventPayload)
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event.' })
  @ApiOkResponse({
    description:
      'Server-sent events `slot.published`, `slot.booked`, `slot.held`, `slot.released`, ' +
      '`slot.removed` (data: SlotEventPayload) and `capacity.updated` (data: ' +
      'CapacityEventPayload), each with an `id:` to resume from.',
    content: {
      'text/event-stream': {
        schema: {
          type: 'string',
          description: `Each event's \`data:\` is the JSON of ${getSchemaPath(SlotEventPayload)} or ${getSchemaPath(CapacityEventPayload)}.`,
        },
      },
    },
  })
  events(
    @CurrentCaller() caller: Caller,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    return this.stream.open(caller.cptsId, parseLastEventId(lastEventId), sseResponse(response));
  }
}
