import 'reflect-metadata';

import { DataSource, DataSourceOptions } from 'typeorm';

import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { PreparingClient } from './prepared-statements';
import { queryCounter } from './query-counter';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export const LOCAL_DATABASE_URL = 'postgres://root@127.0.0.1:5432/root';

/**
 * The one DataSource definition, used by the application, the CLI and the TypeORM tooling.
 * `preparedStatements`: parameterised statements prepared once per connection (`PreparingClient`).
 */
export function dataSourceOptions(
  url: string,
  poolSize = 20,
  preparedStatements = true,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    // gen_random_uuid() is core PostgreSQL; extensions are created by migrations, not at connect.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    synchronize: false,
    migrationsRun: false,
    logger: queryCounter,
    extra: {
      max: poolSize,
      application_name: 'cpts-orientation',
      ...(preparedStatements ? { Client: PreparingClient } : {}),
    },
  };
}

export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? LOCAL_DATABASE_URL));
