import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentCaller, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { LiveTableView } from '../slots/dto/slot.view';
import { LiveTableQueryDto } from './dto/live-table.query';
import { etagMatches } from './live-table';
import { LiveTableService } from './live-table.service';

@ApiTags('availability')
@Controller('availability')
export class LiveTableController {
  constructor(private readonly liveTable: LiveTableService) {}

  @Get()
  @Roles('coordinator', 'platform', 'operator')
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    description: 'The ETag of a table already held.',
  })
  @ApiOkResponse({ type: LiveTableView, headers: { ETag: { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Unchanged since the ETag sent in If-None-Match.' })
  async table(
    @CurrentCaller() caller: Caller,
    @Query() query: LiveTableQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LiveTableView | undefined> {
    const { etag, body } = await this.liveTable.build(caller, query);
    response.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (!etagMatches(ifNoneMatch, etag)) return body;
    response.status(304);
  }
}
