import { LOCAL_DATABASE_URL } from '../../src/database/data-source';

/**
 * Where a run looks for the machine's PostgreSQL and Redis when DATABASE_URL and REDIS_URL are
 * unset; a test can point these elsewhere to play a machine that has neither.
 */
export const DEFAULT_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? LOCAL_DATABASE_URL;
export const DEFAULT_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Where global setup publishes what it found; the workers inherit its environment. */
export const RUN_POSTGRES_URL = 'TEST_RUN_POSTGRES_URL';
export const RUN_REDIS_URL = 'TEST_RUN_REDIS_URL';
