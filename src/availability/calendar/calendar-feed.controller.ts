import { Controller, Delete, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Public, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { uuidParam } from '../../common/uuid-param';
import { CalendarFeedView } from '../slots/dto/slot.view';
import { CalendarFeedService } from './calendar-feed.service';

@ApiTags('availability')
@Controller()
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Post('practitioners/:id/calendar-feed')
  @Roles('coordinator', 'practitioner')
  issue(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) practitionerId: string,
  ): Promise<CalendarFeedView> {
    return this.feeds.issue(caller, practitionerId);
  }

  @Delete('practitioners/:id/calendar-feed')
  @Roles('coordinator', 'practitioner')
  @HttpCode(204)
  revoke(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) practitionerId: string) {
    return this.feeds.revoke(caller, practitionerId);
  }

  /** The secret in the URL is the credential: calendar applications send no token. */
  @Get('calendar/:secret.ics')
  @Public()
  @ApiOkResponse({
    description: "The practitioner's appointments and slots, iCalendar (RFC 5545).",
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  calendar(@Param('secret') secret: string) {
    return this.feeds.calendar(secret);
  }
}
