import {
  createScratchDatabase as create,
  ScratchDatabase,
} from '../../src/database/scratch-database';
import { POSTGRES_URL } from './services';

export type { ScratchDatabase };

/** A migrated database of its own for one test file on the run's PostgreSQL, so files run in parallel. */
export function createScratchDatabase(): Promise<ScratchDatabase> {
  return create({ serverUrl: POSTGRES_URL, prefix: 'test' });
}
