import type { Logger } from 'typeorm';

let queries = 0;

/** Statements sent to PostgreSQL through TypeORM since the process started: each is a round trip. */
export function queriesSent(): number {
  return queries;
}

/**
 * TypeORM's logger, reduced to counting: it logs nothing, because TypeORM's own logging prints query
 * parameters, which may hold patient data.
 */
export const queryCounter: Logger = {
  logQuery: () => {
    queries += 1;
  },
  logQueryError: () => undefined,
  logQuerySlow: () => undefined,
  logSchemaBuild: () => undefined,
  logMigration: () => undefined,
  log: () => undefined,
};
