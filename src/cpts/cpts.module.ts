import { Module } from '@nestjs/common';

import { CptsService } from './cpts.service';

@Module({ providers: [CptsService], exports: [CptsService] })
export class CptsModule {}
