import { Controller, Get, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { ApiProblem } from '../common/openapi-document';
import { CampaignsService } from './campaigns.service';
import { CampaignSummary, SentCampaign } from './dto/campaign.view';

@ApiTags('campaigns')
@Controller('campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  @ApiProblem(409, 'A questionnaire was already sent in the last 24 hours.')
  @Post()
  @Roles('coordinator')
  send(@CurrentCaller() caller: Caller): Promise<SentCampaign> {
    return this.campaigns.send(caller);
  }

  @Get('latest')
  @Roles('coordinator')
  latest(@CurrentCaller() caller: Caller): Promise<CampaignSummary> {
    return this.campaigns.latest(caller);
  }
}
