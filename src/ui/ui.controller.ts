import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { Public } from '../access/policy.decorators';
import { requestLabelsModule } from '../common/request-labels';
import { assetsDirectory, StaticAssets } from '../common/static-assets';

/**
 * The front-end foundation every page imports (`/ui/api.js`, `/ui/base.css`, ...): public, since
 * it holds no data.
 */
@ApiExcludeController()
@Public()
@Controller('ui')
export class UiController {
  private readonly assets = new StaticAssets(assetsDirectory('ui'), {
    'request-labels.js': requestLabelsModule(),
  });

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.assets.asset(response, name);
  }
}
