import { stopRunPostgres } from './run-postgres';

export default function globalTeardown(): Promise<void> {
  return stopRunPostgres();
}
