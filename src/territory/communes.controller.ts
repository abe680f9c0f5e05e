import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { SearchCommunesDto } from './dto/search-communes.dto';
import { CommunePage } from './dto/territory.view';
import { TerritoryService } from './territory.service';

@ApiTags('territory')
@Roles('coordinator', 'platform', 'operator', 'practitioner')
@Controller('communes')
export class CommunesController {
  constructor(private readonly territory: TerritoryService) {}

  @Get()
  search(@CurrentCaller() caller: Caller, @Query() query: SearchCommunesDto): Promise<CommunePage> {
    return this.territory.searchCommunes(caller.cptsId, query);
  }
}
