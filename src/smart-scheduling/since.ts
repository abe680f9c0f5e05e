import { DomainError } from '../common/domain-error';

/** ISO 8601 with a date, a time and an offset or Z, as the bulk-data `_since` parameter is written. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

/** The `_since` parameter as an instant; absent: null; malformed: a 400 naming `_since`. */
export function parseSince(value: string | undefined): Date | null {
  if (value === undefined || value === '') return null;
  const instant = INSTANT.test(value) ? new Date(value) : null;
  if (!instant || Number.isNaN(instant.getTime())) {
    throw DomainError.invalid('_since', '_since must be an instant such as 2026-12-04T09:00:00Z');
  }
  return instant;
}
