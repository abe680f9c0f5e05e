import { Module } from '@nestjs/common';

import { GpSpaceController } from './gp-space.controller';

@Module({ controllers: [GpSpaceController] })
export class GpSpaceModule {}
