import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { ApiProblem } from '../../common/openapi-document';
import { uuidParam } from '../../common/uuid-param';
import { NotificationView } from '../../notifications/dto/notification.view';
import { MatchingDecisions } from '../referral/dto/offer.view';
import { RequestView } from '../requests/dto/request.view';
import {
  AssignRequestDto,
  RedirectRequestDto,
  SurnumeraireAskDto,
} from '../requests/dto/request-actions.dto';
import { RequestsService } from '../requests/requests.service';
import { CoordinationService } from './coordination.service';

@ApiTags('coordination')
@Controller('requests/:id')
export class CoordinationController {
  constructor(
    private readonly coordination: CoordinationService,
    private readonly requests: RequestsService,
  ) {}

  @ApiProblem(
    409,
    'The request cannot be assigned, the practitioner is inactive or the slot cannot be booked.',
  )
  @Post('assign')
  @HttpCode(200)
  @Roles('coordinator')
  async assign(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: AssignRequestDto,
  ): Promise<RequestView> {
    await this.coordination.assign(caller, id, body);
    return this.requests.view(caller, id);
  }

  @ApiProblem(409, 'The request is in a status that cannot be redirected.')
  @Post('redirect')
  @HttpCode(200)
  @Roles('coordinator', 'operator')
  async redirect(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: RedirectRequestDto,
  ): Promise<RequestView> {
    await this.coordination.redirect(caller, id, body);
    return this.requests.view(caller, id);
  }

  /** "Demander un surnuméraire": asks one GP to see this urgent patient at a given time. */
  @ApiProblem(409, 'Only an open urgent request is seen in surnuméraire.')
  @Post('surnumeraire')
  @HttpCode(200)
  @Roles('coordinator', 'operator', 'platform')
  async askSurnumeraire(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: SurnumeraireAskDto,
  ): Promise<RequestView> {
    await this.coordination.askSurnumeraire(caller, id, body);
    return this.requests.view(caller, id);
  }

  @Get('decisions')
  @Roles('coordinator')
  decisions(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<MatchingDecisions> {
    return this.coordination.decisions(caller, id);
  }

  @Get('notifications')
  @Roles('coordinator', 'platform', 'operator')
  notifications(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<NotificationView[]> {
    return this.coordination.notificationsOf(caller, id);
  }
}
