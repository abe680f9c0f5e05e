import { DomainError } from './domain-error';
import { isUuid } from './uuid';

/** An opaque keyset cursor: the sort key of the last item of a page, in base64url JSON. */
export function encodeCursor(key: ReadonlyArray<string>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The sort key a cursor holds; a cursor that was not made by `encodeCursor` is invalid input. */
export function decodeCursor(cursor: string, length: number): string[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string')
    ) {
      return key;
    }
  } catch {
    // Falls through to the same answer as a well-formed cursor of the wrong shape.
  }
  throw notOurs();
}

/** What `toISOString` writes for years 0 to 9999, all of which PostgreSQL stores. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A time part of a cursor key. A forged one is refused here: passed on, it would fail the query
 * (invalid or out-of-range timestamp) and answer 500.
 */
export function cursorTime(part: unknown): Date {
  const time = typeof part === 'string' && ISO_INSTANT.test(part) ? new Date(part) : undefined;
  if (!time || Number.isNaN(time.getTime())) throw notOurs();
  return time;
}

/** A UUID part of a cursor key, checked for the same reason as `cursorTime`. */
function cursorId(part: unknown): string {
  if (!isUuid(part)) throw notOurs();
  return part;
}

/** The key of a list sorted by a time, then an id: requests, monitored requests, offers. */
export interface TimeIdKey {
  at: Date;
  id: string;
}

export function encodeTimeIdCursor(at: Date, id: string): string {
  return encodeCursor([at.toISOString(), id]);
}

/** The key a `encodeTimeIdCursor` cursor holds; none without a cursor. */
export function decodeTimeIdCursor(cursor: string | undefined): TimeIdKey | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  return { at: cursorTime(at), id: cursorId(id) };
}

function notOurs(): DomainError {
  return DomainError.invalid('cursor', 'cursor is not one this service returned');
}
