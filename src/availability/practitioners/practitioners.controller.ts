import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';

import { CurrentCaller, LinkScope, Roles } from '../../access/policy.decorators';
import type { Caller } from '../../access/role';
import { DomainError } from '../../common/domain-error';
import { ApiProblem } from '../../common/openapi-document';
import { uuidParam } from '../../common/uuid-param';
import { CreatePractitionerDto } from './dto/create-practitioner.dto';
import { ListPractitionersDto } from './dto/list-practitioners.dto';
import { NewPatientCapacityDto } from './dto/new-patient-capacity.dto';
import {
  ConfirmedAvailability,
  ImportResult,
  PractitionerPage,
  PractitionerView,
} from './dto/practitioner.view';
import { SasPublicationDto } from './dto/sas-publication.dto';
import { UpdatePractitionerDto } from './dto/update-practitioner.dto';
import { PractitionerImportService } from './practitioner-import.service';
import { PractitionersService } from './practitioners.service';

@ApiTags('practitioners')
@Controller('practitioners')
export class PractitionersController {
  constructor(
    private readonly practitioners: PractitionersService,
    private readonly imports: PractitionerImportService,
  ) {}

  @ApiProblem(409, 'A practitioner with this RPPS already exists in this CPTS.')
  @Post()
  @Roles('coordinator')
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreatePractitionerDto,
  ): Promise<PractitionerView> {
    return this.practitioners.create(caller.cptsId, body);
  }

  @ApiProblem(413, 'The file is over the size limit.')
  @Post('import')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', description: 'See docs/practitioners-import.md' } })
  import(@CurrentCaller() caller: Caller, @Body() body: unknown): Promise<ImportResult> {
    if (typeof body !== 'string') {
      throw DomainError.invalid('body', 'send the spreadsheet as Content-Type: text/csv');
    }
    return this.imports.import(caller.cptsId, body);
  }

  @Get()
  @Roles('coordinator', 'platform', 'operator')
  list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListPractitionersDto,
  ): Promise<PractitionerPage> {
    return this.practitioners.list(caller.cptsId, query);
  }

  @Get(':id')
  @Roles('coordinator', 'platform', 'operator', 'practitioner')
  @LinkScope()
  get(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<PractitionerView> {
    return this.practitioners.get(caller, id);
  }

  @ApiProblem(409, 'A practitioner with this RPPS already exists in this CPTS.')
  @Patch(':id')
  @Roles('coordinator', 'practitioner')
  update(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: UpdatePractitionerDto,
  ): Promise<PractitionerView> {
    return this.practitioners.update(caller, id, body);
  }

  @Put(':id/new-patient-capacity')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  setNewPatientCapacity(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: NewPatientCapacityDto,
  ): Promise<PractitionerView> {
    return this.practitioners.setNewPatientCapacity(caller, id, body);
  }

  /** The GP's consent to publish their urgent slots to the SAS platform (docs/sas-fhir.md). */
  @Put(':id/sas-publication')
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  setSasPublication(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
    @Body() body: SasPublicationDto,
  ): Promise<PractitionerView> {
    return this.practitioners.setSasPublication(caller, id, body.sasPublication);
  }

  @Post(':id/availability/confirm')
  @HttpCode(200)
  @Roles('coordinator', 'practitioner')
  @LinkScope()
  confirmAvailability(
    @CurrentCaller() caller: Caller,
    @Param('id', uuidParam()) id: string,
  ): Promise<ConfirmedAvailability> {
    return this.practitioners.confirmAvailability(caller, id);
  }
}
