import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { assertCanActAsPractitioner } from '../../access/ownership';
import { CurrentCaller, LinkScope, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { ApiProblem } from '../../common/openapi-document';
import { uuidParam } from '../../common/uuid-param';
import { OffersQuery } from '../requests/dto/list-requests.query';
import { DeclineOfferDto } from '../requests/dto/request-actions.dto';
import { OfferAnswer, OfferPage } from './dto/offer.view';
import { ReferralService } from './referral.service';

@ApiTags('offers')
@Controller()
export class OffersController {
  constructor(private readonly referral: ReferralService) {}

  @Get('practitioners/:id/offers')
  @Roles('practitioner', 'coordinator')
  @LinkScope()
  list(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Query() query: OffersQuery,
  ): Promise<OfferPage> {
    assertCanActAsPractitioner(caller, id);
    return this.referral.listForPractitioner(caller, id, query);
  }

  @ApiProblem(409, 'The offer expired or was answered, or no open place is left.')
  @Post('offers/:id/accept')
  @HttpCode(200)
  @Roles('practitioner')
  @LinkScope()
  accept(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<OfferAnswer> {
    return this.referral.accept(caller, id);
  }

  @ApiProblem(409, 'The offer expired or was answered.')
  @Post('offers/:id/decline')
  @HttpCode(200)
  @Roles('practitioner')
  @LinkScope()
  decline(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: DeclineOfferDto,
  ): Promise<OfferAnswer> {
    return this.referral.decline(caller, id, body.reason);
  }
}
