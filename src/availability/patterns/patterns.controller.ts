import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { uuidParam } from '../../common/uuid-param';
import { CreateAbsenceDto } from './dto/create-absence.dto';
import { CreatePatternDto } from './dto/create-pattern.dto';
import { AbsencePage, CreatedAbsence, PatternPage, PatternView } from './dto/pattern.view';
import { PatternsService } from './patterns.service';

@ApiTags('availability')
@Controller('practitioners/:id')
export class PatternsController {
  constructor(private readonly patterns: PatternsService) {}

  @Get('patterns')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  listPatterns(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<PatternPage> {
    return this.patterns.listPatterns(caller, id);
  }

  @Post('patterns')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  createPattern(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: CreatePatternDto,
  ): Promise<PatternView> {
    return this.patterns.createPattern(caller, id, body);
  }

  @Delete('patterns/:patternId')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  @HttpCode(204)
  removePattern(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Param('patternId', uuidParam('patternId')) patternId: string,
  ) {
    return this.patterns.removePattern(caller, id, patternId);
  }

  @Get('absences')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  listAbsences(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<AbsencePage> {
    return this.patterns.listAbsences(caller, id);
  }

  @Post('absences')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  createAbsence(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: CreateAbsenceDto,
  ): Promise<CreatedAbsence> {
    return this.patterns.createAbsence(caller, id, body);
  }

  @Delete('absences/:absenceId')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  @HttpCode(204)
  removeAbsence(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Param('absenceId', uuidParam('absenceId')) absenceId: string,
  ) {
    return this.patterns.removeAbsence(caller, id, absenceId);
  }
}
