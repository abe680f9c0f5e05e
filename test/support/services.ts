import { LOCAL_DATABASE_URL } from '../../src/database/data-source';

/** The machine's real PostgreSQL and Redis, unless the environment names others. */
export const POSTGRES_URL = process.env.DATABASE_URL ?? LOCAL_DATABASE_URL;
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
