import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';

import { Public } from '../access/policy.decorators';
import { assetsDirectory, StaticAssets } from '../common/static-assets';

/** The GP space: a phone-first page, opened from the link in a message or after signing in. */
@ApiExcludeController()
@Public()
@Controller('medecin')
export class GpSpaceController {
  private readonly assets = new StaticAssets(assetsDirectory('gp-space'));

  @Get()
  index(@Res() response: Response): void {
    this.assets.index(response);
  }

  /** The campaign's short form, linked from the questionnaire message. */
  @Get('questionnaire')
  questionnaire(@Res() response: Response): void {
    this.assets.asset(response, 'questionnaire.html');
  }

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.assets.asset(response, name);
  }
}
