import { Module } from '@nestjs/common';

import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { PatternsModule } from '../availability/patterns/patterns.module';
import { CptsModule } from '../cpts/cpts.module';
import { OrientationModule } from '../orientation/orientation.module';
import { PeopleModule } from '../people/people.module';
import { TerritoryModule } from '../territory/territory.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [
    CptsModule,
    AccessModule,
    TerritoryModule,
    AuthModule,
    PeopleModule,
    OrientationModule,
    PatternsModule,
  ],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
