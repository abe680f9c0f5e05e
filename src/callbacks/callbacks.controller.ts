import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { ApiProblem } from '../common/openapi-document';
import { uuidParam } from '../common/uuid-param';
import { CallbacksService } from './callbacks.service';
import { CreateCallbackDto, ListCallbacksQuery } from './dto/callback.dto';
import { CallbackPage, CallbackView } from './dto/callback.view';

@ApiTags('callbacks')
@Controller()
export class CallbacksController {
  constructor(private readonly callbacks: CallbacksService) {}

  @Post('requests/:id/callbacks')
  @Roles('operator', 'coordinator')
  create(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: CreateCallbackDto,
  ): Promise<CallbackView> {
    return this.callbacks.create(caller, id, body);
  }

  @Get('callbacks')
  @Roles('operator', 'coordinator')
  list(@CurrentCaller() caller: Caller, @Query() query: ListCallbacksQuery): Promise<CallbackPage> {
    return this.callbacks.list(caller, query);
  }

  @ApiProblem(409, 'This callback is already done.')
  @Post('callbacks/:id/done')
  @HttpCode(200)
  @Roles('operator', 'coordinator')
  done(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<CallbackView> {
    return this.callbacks.done(caller, id);
  }
}
