import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

import { Public } from '../access/policy.decorators';
import { PageController } from '../common/page.controller';

/**
 * The coordinator's page: a static shell and its scripts, public because they hold no data;
 * every figure comes from the API with the coordinator's session.
 */
@ApiExcludeController()
@Public()
@Controller('dashboard')
export class DashboardController extends PageController {
  constructor() {
    super('dashboard');
  }
}
