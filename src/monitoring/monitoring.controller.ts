import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { TimeRangeQuery } from '../common/dto/time-range.query';
import { IndicatorsView } from './dto/indicators.view';
import { MonitoredRequestPage } from './dto/monitored-request.view';
import { MonitoredRequestsQuery } from './dto/monitored-requests.query';
import { indicatorPeriod } from './indicator-period';
import { IndicatorsService } from './indicators.service';
import { csvFileName, indicatorsCsv, wantsCsv } from './indicators-csv';
import { MonitoredRequestsService } from './monitored-requests.service';

@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly requests: MonitoredRequestsService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get('requests')
  @Roles('coordinator', 'platform', 'operator')
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: MonitoredRequestsQuery,
  ): Promise<MonitoredRequestPage> {
    return this.requests.list(caller, query);
  }

  @Get('indicators')
  @Roles('coordinator')
  @ApiExtraModels(IndicatorsView)
  @ApiOkResponse({
    description: 'JSON, or CSV (one indicator a line) when the Accept header asks for text/csv.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(IndicatorsView) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async indicatorsOf(
    @CurrentCaller() caller: Caller,
    @Query() query: TimeRangeQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<IndicatorsView | string> {
    const indicators = await this.indicators.compute(caller, indicatorPeriod(query, new Date()));
    if (!wantsCsv(accept)) return indicators;
    response.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(indicators)}"`,
    });
    return indicatorsCsv(indicators);
  }
}
