import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

import { DomainError } from '../../common/domain-error';

const MAX_LENGTH = 128;

/** The required Idempotency-Key header, at most 128 characters. */
export const IdempotencyKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): string => {
    const value = context.switchToHttp().getRequest<Request>().header('idempotency-key');
    if (!value || value.trim() === '') {
      throw DomainError.invalid('Idempotency-Key', 'the Idempotency-Key header is required');
    }
    if (value.length > MAX_LENGTH) {
      throw DomainError.invalid(
        'Idempotency-Key',
        `the Idempotency-Key header must be at most ${MAX_LENGTH} characters`,
      );
    }
    return value;
  },
);
