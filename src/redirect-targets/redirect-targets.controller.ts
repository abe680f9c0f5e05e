import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { uuidParam } from '../common/uuid-param';
import { CreateRedirectTargetDto, UpdateRedirectTargetDto } from './dto/redirect-target.dto';
import { RedirectTargetList, RedirectTargetView } from './dto/redirect-target.view';
import { RedirectTargetsService } from './redirect-targets.service';

@ApiTags('redirect-targets')
@Controller('redirect-targets')
export class RedirectTargetsController {
  constructor(private readonly targets: RedirectTargetsService) {}

  @Get()
  @Roles('coordinator', 'operator', 'platform')
  list(@CurrentCaller() caller: Caller): Promise<RedirectTargetList> {
    return this.targets.list(caller);
  }

  @Post()
  @Roles('coordinator')
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateRedirectTargetDto,
  ): Promise<RedirectTargetView> {
    return this.targets.create(caller, body);
  }

  @Patch(':id')
  @Roles('coordinator')
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdateRedirectTargetDto,
  ): Promise<RedirectTargetView> {
    return this.targets.update(caller, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('coordinator')
  remove(@CurrentCaller() caller: Caller, @Param('id', uuidParam()) id: string) {
    return this.targets.remove(caller, id);
  }
}
