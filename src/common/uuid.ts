import { isUUID } from 'class-validator';

/** Whether `value` is a UUID as PostgreSQL's uuid type reads it: 8-4-4-4-12 hex digits, any version. */
export function isUuid(value: unknown): value is string {
  return isUUID(value, 'loose');
}
