import { Controller } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../access/policy.decorators';
import { PageController } from '../common/page.controller';

/** The operator console of the call platform: a desktop page driven by the keyboard. */
@ApiExcludeController()
@Public()
@Controller('plateforme')
export class ConsoleController extends PageController {
  constructor() {
    super('console');
  }
}
