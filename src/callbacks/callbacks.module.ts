import { Module } from '@nestjs/common';

import { CallbacksController } from './callbacks.controller';
import { CallbacksService } from './callbacks.service';

/** The call platform's callbacks to patients, planned on requests. */
@Module({
  controllers: [CallbacksController],
  providers: [CallbacksService],
  exports: [CallbacksService],
})
export class CallbacksModule {}
