import { Module } from '@nestjs/common';

import { AuthModule } from '../auth/auth.module';
import { SasModule } from '../sas/sas.module';
import { ConsoleController } from './console.controller';

@Module({ imports: [AuthModule, SasModule], controllers: [ConsoleController] })
export class ConsoleModule {}
