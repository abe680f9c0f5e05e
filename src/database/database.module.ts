import { DynamicModule, Global, Module } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { PgListener } from './pg-listener';
import { PreparedStatementsReset } from './prepared-statements-reset';

/** The configuration and the database entry points, available everywhere. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: AppConfig, useValue: config },
        Database,
        PgListener,
        PreparedStatementsReset,
      ],
      exports: [AppConfig, Database, PgListener],
    };
  }
}
