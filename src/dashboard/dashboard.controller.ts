import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/policy.decorators';
import { DomainError } from '../common/domain-error';
import { Asset, ASSETS_DIRECTORY, loadAssets } from './dashboard-assets';

/**
 * The coordination's page: a static shell and its scripts, public because they hold no data;
 * every figure comes from the API with the session of the person signed in (the page sends
 * people to /connexion when there is none).
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController {
  private readonly assets = loadAssets(ASSETS_DIRECTORY);

  @Get()
  index(@Res() response: Response): void {
    this.send(response, this.assets.get('index.html'));
  }

  @Get(':asset')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    this.send(response, name === 'index.html' ? undefined : this.assets.get(name));
  }

  private send(response: Response, asset: Asset | undefined): void {
    if (!asset) throw DomainError.notFound('Dashboard file');
    response
      .status(200)
      .set({ 'Content-Type': asset.contentType, 'Cache-Control': 'no-cache' })
      .send(asset.body);
  }
}
