import { DomainError } from './domain-error';

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
  throw DomainError.invalid('cursor', 'cursor is not one this service returned');
}
