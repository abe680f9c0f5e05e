import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';

import { DomainError } from './domain-error';
import { codeForStatus, internalProblem, Problem, problemFor } from './problem';

const PG_CONFLICTS = new Set(['23505', '23P01']);
const PG_UNAVAILABLE = new Set(['57P01', '57P03', '08000', '08003', '08006', '53300']);

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && 'type' in error && 'status' in error;
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Every error leaves as application/problem+json; a 5xx shows no internals, only a request id. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = (request as { id?: string }).id ?? '';
    const problem = this.toProblem(error, requestId);
    if (problem.status >= 500)
      this.logger.error({ err: describe(error), requestId }, 'request failed');
    if (response.headersSent) return;
    response
      .status(problem.status)
      .type('application/problem+json')
      .json(problem.status >= 500 ? { ...problem, requestId } : problem);
  }

  private toProblem(error: unknown, requestId: string): Problem {
    if (error instanceof DomainError) {
      return { ...problemFor(error.code, error.message, error.errors), ...error.extensions };
    }
    if (error instanceof ThrottlerException) {
      return problemFor('throttled', 'Too many requests for this token; retry in a minute.');
    }
    if (error instanceof QueryFailedError) {
      const code = pgCode(error.driverError);
      if (code && PG_CONFLICTS.has(code)) {
        return problemFor('conflict', 'This conflicts with the current state of a resource.');
      }
      if (code && PG_UNAVAILABLE.has(code))
        return problemFor('unavailable', 'The database is unavailable.');
    }
    if (isConnectionError(error)) return problemFor('unavailable', 'A dependency is unavailable.');
    if (isBodyParserError(error)) {
      if (error.type === 'entity.too.large')
        return problemFor('too_large', 'The body is over the size limit.');
      if (error.type === 'entity.parse.failed')
        return problemFor('invalid', 'The body is not valid JSON.');
      if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
        return problemFor('invalid', 'The body must be UTF-8.');
      }
    }
    if (error instanceof HttpException) {
      const code = codeForStatus(error.getStatus());
      if (code === 'unavailable')
        return { ...problemFor(code, 'A dependency is down.'), ...checks(error) };
      if (code)
        return problemFor(code, error.getStatus() === 404 ? 'No such resource.' : error.message);
      if (error.getStatus() < 500) {
        return {
          ...problemFor('invalid', error.message),
          status: error.getStatus(),
          title: error.name,
        };
      }
    }
    return internalProblem(requestId);
  }
}

/** The health checks' verdict, when a 503 comes from them. */
function checks(error: HttpException): { checks?: unknown } {
  const body = error.getResponse();
  return typeof body === 'object' && 'details' in body ? { checks: body.details } : {};
}

function isConnectionError(error: unknown): boolean {
  const code = pgCode(error);
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}

/** What of an error is safe to log: never its parameters, which may hold patient data. */
function describe(error: unknown): Record<string, unknown> {
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as { code?: string; constraint?: string; table?: string };
    return {
      type: 'QueryFailedError',
      code: driver.code,
      constraint: driver.constraint,
      table: driver.table,
    };
  }
  if (error instanceof Error)
    return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}
