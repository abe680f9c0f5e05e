import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { CurrentCaller, Roles } from '../access/policy.decorators';
import type { Caller } from '../access/role';
import { ApiProblem } from '../common/openapi-document';
import { PlatformWebhook } from './dto/platform-webhook.view';
import { SetWebhookDto } from './dto/set-webhook.dto';
import { PlatformWebhooksService } from './platform-webhooks.service';

@ApiTags('access tokens')
@Roles('coordinator')
@Controller('access-tokens/:id/webhook')
export class PlatformWebhooksController {
  constructor(private readonly webhooks: PlatformWebhooksService) {}

  @ApiProblem(409, 'Only a platform token has a webhook.')
  @Put()
  set(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetWebhookDto,
  ): Promise<PlatformWebhook> {
    return this.webhooks.set(caller.cptsId, id, body.url);
  }

  @Delete()
  @HttpCode(204)
  remove(@CurrentCaller() caller: Caller, @Param('id', ParseUUIDPipe) id: string) {
    return this.webhooks.remove(caller.cptsId, id);
  }
}
