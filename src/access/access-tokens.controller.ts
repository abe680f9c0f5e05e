import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { AccessTokensService } from './access-tokens.service';
import { AccessTokenPage, IssuedToken } from './dto/access-token.view';
import { CreateAccessTokenDto } from './dto/create-access-token.dto';
import { CurrentCaller, Roles } from './policy.decorators';
import type { Caller } from './role';

@ApiTags('access tokens')
@Roles('coordinator')
@Controller('access-tokens')
export class AccessTokensController {
  constructor(private readonly tokens: AccessTokensService) {}

  @Post()
  create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateAccessTokenDto,
  ): Promise<IssuedToken> {
    return this.tokens.issue(caller.cptsId, body);
  }

  @Get()
  async list(@CurrentCaller() caller: Caller): Promise<AccessTokenPage> {
    return { items: await this.tokens.list(caller.cptsId), nextCursor: null };
  }

  @Delete(':id')
  @HttpCode(204)
  revoke(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.tokens.revoke(caller.cptsId, id);
  }
}
