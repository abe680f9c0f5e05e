import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { UpdateTerritoryDto } from './dto/update-territory.dto';
import { TerritoryService } from './territory.service';

@ApiTags('territory')
@Controller('territory')
export class TerritoryController {
  constructor(private readonly territory: TerritoryService) {}

  /** The perimeter holds no personal data: a GP's message link may read it to pick communes. */
  @Get()
  @Roles('coordinator', 'platform', 'operator', 'practitioner')
  @LinkScope()
  get(@CurrentCaller() caller: Caller) {
    return this.territory.get(caller.cptsId);
  }

  @Put()
  @Roles('coordinator')
  update(@CurrentCaller() caller: Caller, @Body() body: UpdateTerritoryDto) {
    return this.territory.update(caller.cptsId, body);
  }
}
