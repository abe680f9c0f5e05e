import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { uuidParam } from '../common/uuid-param';
import { QuestionnaireView } from './dto/campaign.view';
import { QuestionnaireDto } from './dto/questionnaire.dto';
import { QuestionnaireService } from './questionnaire.service';

@ApiTags('campaigns')
@Controller('practitioners')
export class QuestionnaireController {
  constructor(private readonly questionnaire: QuestionnaireService) {}

  @Get(':id/questionnaire')
  @Roles('practitioner', 'coordinator')
  @LinkScope()
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<QuestionnaireView> {
    return this.questionnaire.get(caller, id);
  }

  @Post(':id/questionnaire')
  @HttpCode(200)
  @Roles('practitioner', 'coordinator')
  @LinkScope()
  answer(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: QuestionnaireDto,
  ): Promise<QuestionnaireView> {
    return this.questionnaire.answer(caller, id, body);
  }
}
