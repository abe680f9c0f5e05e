import { ValidateBy, ValidationOptions } from 'class-validator';

import { parseRfc3339 } from './paris-time';

/** An RFC 3339 time with an offset, such as 2027-03-28T10:00:00+02:00. */
export function IsRfc3339Time(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isRfc3339Time',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseRfc3339(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an RFC 3339 time with an offset, e.g. 2027-03-28T10:00:00+02:00`,
      },
    },
    options,
  );
}
