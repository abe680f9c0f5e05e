import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../access/policy.decorators';
import { type Caller, ROLES } from '../access/role';
import { SessionView } from './dto/session.view';
import { SessionsService } from './sessions.service';

@ApiTags('session')
@Controller('session')
export class SessionController {
  constructor(private readonly sessions: SessionsService) {}

  /** Who the caller is; for a person, the CSRF token to send in X-CSRF-Token on writes. */
  @Get()
  @Roles(...ROLES)
  @LinkScope()
  get(@CurrentCaller() caller: Caller): Promise<SessionView> {
    return this.sessions.describe(caller);
  }
}
