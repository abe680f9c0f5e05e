import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentCaller, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { ApiProblem } from '../../common/openapi-document';
import { uuidParam } from '../../common/uuid-param';
import { CreateRequestDto } from './dto/create-request.dto';
import { DuplicatesQuery, ListRequestsQuery } from './dto/list-requests.query';
import { DuplicateRequests, FiledRequest, RequestPage, RequestView } from './dto/request.view';
import { CancelRequestDto, ConfirmRequestDto, OutcomeDto } from './dto/request-actions.dto';
import { IdempotencyKey } from './idempotency-key';
import { RequestsService } from './requests.service';

@ApiTags('requests')
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @ApiProblem(409, 'This Idempotency-Key was already used with another body.')
  @Post()
  @Roles('platform', 'operator', 'coordinator', 'regulator')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    schema: { type: 'string', maxLength: 128 },
  })
  @ApiCreatedResponse({ type: FiledRequest, description: 'Filed; matching ran before the answer.' })
  @ApiOkResponse({ type: FiledRequest, description: 'The same key and body again: that request.' })
  async file(
    @CurrentCaller() caller: Caller,
    @IdempotencyKey() key: string,
    @Body() body: CreateRequestDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<FiledRequest> {
    const { created, request } = await this.requests.file(caller, key, body);
    response.status(created ? 201 : 200);
    return request;
  }

  @Get()
  @Roles('platform', 'operator', 'coordinator')
  list(@CurrentCaller() caller: Caller, @Query() query: ListRequestsQuery): Promise<RequestPage> {
    return this.requests.list(caller, query);
  }

  @Get('duplicates')
  @Roles('platform', 'operator', 'coordinator')
  duplicates(
    @CurrentCaller() caller: Caller,
    @Query() query: DuplicatesQuery,
  ): Promise<DuplicateRequests> {
    return this.requests.duplicates(caller, query);
  }

  @Get(':id')
  @Roles('platform', 'operator', 'coordinator', 'practitioner', 'regulator')
  get(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) id: string): Promise<RequestView> {
    return this.requests.view(caller, id);
  }

  @ApiProblem(409, 'The request is in a status that cannot be cancelled.')
  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('platform', 'operator', 'coordinator')
  cancel(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: CancelRequestDto,
  ): Promise<RequestView> {
    return this.requests.cancel(caller, id, body.reason);
  }

  @ApiProblem(
    409,
    'Not held, or the slot is gone: `alternatives` lists free slots to choose instead.',
  )
  @Post(':id/confirm')
  @HttpCode(200)
  @Roles('platform', 'operator', 'coordinator', 'regulator')
  confirm(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: ConfirmRequestDto,
  ): Promise<RequestView> {
    return this.requests.confirm(caller, id, body.slotId);
  }

  @ApiProblem(409, 'The request holds no slot.')
  @Post(':id/release')
  @HttpCode(200)
  @Roles('platform', 'operator', 'coordinator', 'regulator')
  release(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<RequestView> {
    return this.requests.release(caller, id);
  }

  @ApiProblem(409, 'The request has no appointment to record.')
  @Post(':id/outcome')
  @HttpCode(200)
  @Roles('practitioner', 'coordinator')
  outcome(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: OutcomeDto,
  ): Promise<RequestView> {
    return this.requests.recordOutcome(caller, id, body.outcome);
  }
}
