import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { SignInLinksService } from '../auth/sign-in-links.service';
import { ApiProblem } from '../common/openapi-document';
import { Database } from '../database/database';
import { CreatePersonDto } from './dto/create-person.dto';
import { ListPeopleQuery } from './dto/list-people.query';
import { PersonPage, PersonView } from './dto/person.view';
import { UpdatePersonDto } from './dto/update-person.dto';
import { PeopleService } from './people.service';
import { personView } from './person-view';

@ApiTags('people')
@Roles('coordinator')
@Controller('people')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly links: SignInLinksService,
    private readonly db: Database,
  ) {}

  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: ListPeopleQuery): Promise<PersonPage> {
    return this.people.list(caller, query);
  }

  /** Adds a person and e-mails them an invitation to sign in. */
  @ApiProblem(409, 'A person of this CPTS already has this e-mail address.')
  @Post()
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreatePersonDto,
  ): Promise<PersonView> {
    const person = await this.people.create(caller, body);
    await this.db.tenant(caller.cptsId, (manager) => this.links.invite(manager, person));
    return personView(person);
  }

  @Get(':id')
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<PersonView> {
    return personView(await this.people.get(caller, id));
  }

  @Patch(':id')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdatePersonDto,
  ): Promise<PersonView> {
    return personView(await this.people.update(caller, id, body));
  }

  /** Deactivates: their sessions and links end at once; the audit keeps their name. */
  @ApiProblem(409, 'You cannot deactivate yourself.')
  @Delete(':id')
  @HttpCode(204)
  async deactivate(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    await this.people.deactivate(caller, id);
  }
}
