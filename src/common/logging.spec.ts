import type { LoggerService } from '@nestjs/common';

import { quietStartup } from './logging';

function recorder() {
  const calls: Array<[string, ...unknown[]]> = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      calls.push([level, ...args]);
    };
  const logger: LoggerService = {
    log: record('log'),
    error: record('error'),
    warn: record('warn'),
    debug: record('debug'),
    verbose: record('verbose'),
    fatal: record('fatal'),
  };
  return { calls, logger };
}

describe('quietStartup', () => {
  it("puts Nest's start-up lines at debug, and everything else where it was", () => {
    const { calls, logger } = recorder();
    const quiet = quietStartup(logger);
    quiet.log('Mapped {/api/v1/requests, POST} route', 'RouterExplorer');
    quiet.log('AppModule dependencies initialized', 'InstanceLoader');
    quiet.log('RequestsController {/api/v1/requests}:', 'RoutesResolver');
    quiet.log('Nest application successfully started', 'NestApplication');
    quiet.log('a message with no context');
    quiet.warn('careful', 'Sweeper');
    quiet.error('failed', 'stack', 'Sweeper');
    quiet.debug?.('detail', 'RouterExplorer');
    quiet.verbose?.('more', 'X');
    quiet.fatal?.('end', 'X');
    expect(calls).toEqual([
      ['debug', 'Mapped {/api/v1/requests, POST} route', 'RouterExplorer'],
      ['debug', 'AppModule dependencies initialized', 'InstanceLoader'],
      ['debug', 'RequestsController {/api/v1/requests}:', 'RoutesResolver'],
      ['log', 'Nest application successfully started', 'NestApplication'],
      ['log', 'a message with no context'],
      ['warn', 'careful', 'Sweeper'],
      ['error', 'failed', 'stack', 'Sweeper'],
      ['debug', 'detail', 'RouterExplorer'],
      ['verbose', 'more', 'X'],
      ['fatal', 'end', 'X'],
    ]);
  });
});
