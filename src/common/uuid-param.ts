import { ParseUUIDPipe } from '@nestjs/common';

import { DomainError } from './domain-error';

/** A UUID path parameter whose refusal names the parameter, as every 400 of the API does. */
export function uuidParam(field = 'id'): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => DomainError.invalid(field, `${field} must be a UUID`),
  });
}
