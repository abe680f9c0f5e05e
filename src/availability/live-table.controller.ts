import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { LiveTableQueryDto } from './dto/live-table.query';
import { etagMatches } from './live-table';
import { LiveTableService } from './live-table.service';

@ApiTags('availability')
@ApiBearerAuth()
@Controller('availability')
export class LiveTableController {
  constructor(private readonly liveTable: LiveTableService) {}

  @Get()
  @Roles('coordinator', 'platform', 'operator')
  async table(
    @CurrentCaller() caller: Caller,
    @Query() query: LiveTableQueryDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { etag, body } = await this.liveTable.build(caller, query);
    response.set({ ETag: etag, 'Cache-Control': 'private, no-cache' });
    if (!etagMatches(ifNoneMatch, etag)) return body;
    response.status(304);
  }
}
