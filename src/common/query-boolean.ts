import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsBoolean } from 'class-validator';

const BOOLEANS: Record<string, boolean> = { true: true, false: false };

/** A `?flag=true|false` query parameter, as a boolean; anything else is refused naming it. */
export function QueryBoolean(field: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string' && value in BOOLEANS ? BOOLEANS[value] : value,
    ),
    IsBoolean({ message: `${field} must be true or false` }),
  );
}
