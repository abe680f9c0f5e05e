import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module';
import { CptsModule } from '../cpts/cpts.module';
import { TerritoryModule } from '../territory/territory.module';
import { DemoSeeder } from './demo-seeder';

@Module({
  imports: [CptsModule, AccessModule, TerritoryModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
