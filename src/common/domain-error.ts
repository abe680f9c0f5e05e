import { FieldError } from './dto/problem.view';

export { FieldError };

/** What went wrong, in the domain's words; the problem filter turns each code into an HTTP status. */
export type ErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'throttled'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** Members the problem document adds for the client to act on (RFC 9457 extensions). */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static invalid(field: string, message: string): DomainError {
    return new DomainError('invalid', `${field}: ${message}`, [{ field, message }]);
  }

  static notFound(what: string): DomainError {
    return new DomainError('not_found', `${what} was not found`);
  }

  static conflict(message: string, extensions?: Record<string, unknown>): DomainError {
    return new DomainError('conflict', message, undefined, extensions);
  }

  static forbidden(message = 'This role may not do this'): DomainError {
    return new DomainError('forbidden', message);
  }
}
