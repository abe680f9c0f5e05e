import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { IndicatorsQuery } from './dto/indicators.query';
import { MonitoredRequestsQuery } from './dto/monitored-requests.query';
import { indicatorPeriod } from './indicator-period';
import { csvFileName, indicatorsCsv, wantsCsv } from './indicators-csv';
import { IndicatorsService } from './indicators.service';
import { MonitoredRequestsService } from './monitored-requests.service';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly requests: MonitoredRequestsService,
    private readonly indicators: IndicatorsService,
  ) {}

  @Get('requests')
  @Roles('coordinator', 'platform', 'operator')
  list(@CurrentCaller() caller: Caller, @Query() query: MonitoredRequestsQuery) {
    return this.requests.list(caller, query);
  }

  @Get('indicators')
  @Roles('coordinator')
  @ApiProduces('application/json', 'text/csv')
  async indicatorsOf(
    @CurrentCaller() caller: Caller,
    @Query() query: IndicatorsQuery,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ) {
    const indicators = await this.indicators.compute(caller, indicatorPeriod(query, new Date()));
    if (!wantsCsv(accept)) return indicators;
    response.set({
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFileName(indicators)}"`,
    });
    return indicatorsCsv(indicators);
  }
}
