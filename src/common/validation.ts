import { ValidationError, ValidationPipe } from '@nestjs/common';

import { DomainError, FieldError } from './domain-error';

/** Flattens class-validator's nested errors into `{field: 'patient.phone', message}` pairs. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message:
        message === `property ${error.property} should not exist`
          ? `${field} is not allowed`
          : message,
    }));
    return own.concat(fieldErrors(error.children ?? [], field));
  });
}

export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const fields = fieldErrors(errors);
      const summary = fields.map((error) => error.message).join('; ');
      return new DomainError('invalid', summary, fields);
    },
  });
}
