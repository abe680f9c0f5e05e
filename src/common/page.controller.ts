import { Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';

import { assetsDirectory, StaticAssets } from './static-assets';

/**
 * A page of the service: its shell at the controller's own path, its other files by name. A
 * subclass declares the path (`@Controller`), `@Public()` and `@ApiExcludeController()`.
 */
export abstract class PageController {
  private readonly assets: StaticAssets;

  protected constructor(feature: string) {
    this.assets = new StaticAssets(assetsDirectory(feature));
  }

  @Get()
  index(@Res() response: Response): void {
    this.assets.index(response);
  }

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.assets.asset(response, name);
  }
}
