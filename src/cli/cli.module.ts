import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AccessModule } from '../access/access.module';
import { AuthModule } from '../auth/auth.module';
import { PractitionersModule } from '../availability/practitioners/practitioners.module';
import { AppConfig } from '../config/app-config';
import { CptsModule } from '../cpts/cpts.module';
import { dataSourceOptions } from '../database/data-source';
import { DatabaseModule } from '../database/database.module';
import { TerritoryModule } from '../territory/territory.module';

/** What command-line work needs: the database and the domain services, no HTTP, no queues. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: CliModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl, 4)),
        DatabaseModule.forRoot(config),
        CptsModule,
        AccessModule,
        TerritoryModule,
        PractitionersModule,
        AuthModule,
      ],
    };
  }
}
