import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import type { LoggerService } from '@nestjs/common';
import type { Params } from 'nestjs-pino';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Fields that may hold patient data, blanked wherever they appear in a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  '*.patient',
  '*.firstName',
  '*.lastName',
  '*.birthDate',
  '*.phone',
  '*.email',
  '*.recipient',
  '*.reason',
  '*.note',
];

export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const given = request.headers['x-request-id'];
  const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

interface SerializedRequest {
  id: string;
  method: string;
  raw: { route?: { path?: string } };
}

/**
 * JSON logs with a request id on every line. A request is logged by its route template, never by
 * its raw URL: a mistaken caller could put patient data in a path or a query string.
 */
export function loggerParams(level: string): Params {
  return {
    forRoutes: ['{*path}'],
    pinoHttp: {
      level,
      genReqId: requestId,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      customProps: (request) => ({ requestId: request.id }),
      serializers: {
        req: (request: SerializedRequest) => ({
          id: request.id,
          method: request.method,
          route: request.raw.route?.path ?? 'unmatched',
        }),
        res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
      },
      autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
    },
  };
}

/** Nest's own start-up lines: one per module loaded and one per route mapped, over 200 here. */
const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

/**
 * The service's logger with Nest's start-up lines at debug instead of info, so that a start says
 * what a person needs (its address, the demo's sign-in links) without two hundred lines after it.
 */
export function quietStartup(logger: LoggerService): LoggerService {
  return {
    log(message: unknown, ...rest: unknown[]) {
      const context = rest.at(-1);
      if (typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
        logger.debug?.(message, ...rest);
      } else {
        logger.log(message, ...rest);
      }
    },
    error(message: unknown, ...rest: unknown[]) {
      logger.error(message, ...rest);
    },
    warn(message: unknown, ...rest: unknown[]) {
      logger.warn(message, ...rest);
    },
    debug(message: unknown, ...rest: unknown[]) {
      logger.debug?.(message, ...rest);
    },
    verbose(message: unknown, ...rest: unknown[]) {
      logger.verbose?.(message, ...rest);
    },
    fatal(message: unknown, ...rest: unknown[]) {
      logger.fatal?.(message, ...rest);
    },
  };
}
