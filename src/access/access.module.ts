import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';

import { AccessTokensController } from './access-tokens.controller';
import { AccessTokensService } from './access-tokens.service';
import { RoutePolicyCheck } from './route-policy.check';

@Module({
  imports: [DiscoveryModule],
  controllers: [AccessTokensController],
  providers: [AccessTokensService, RoutePolicyCheck],
  exports: [AccessTokensService],
})
export class AccessModule {}
