import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/policy.decorators';
import { assetsDirectory, StaticAssets } from '../common/static-assets';

/**
 * The coordinator's page: a static shell and its scripts, public because they hold no data;
 * every figure comes from the API with the coordinator's session.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  private readonly assets = new StaticAssets(assetsDirectory('dashboard'));

  @Get()
  index(@Res() response: Response): void {
    this.assets.index(response);
  }

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.assets.asset(response, name);
  }
}
