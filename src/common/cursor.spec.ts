import { decodeCursor, encodeCursor } from './cursor';
import { DomainError } from './domain-error';

describe('keyset cursors', () => {
  it('round-trips a sort key, URL-safe', () => {
    const cursor = encodeCursor(['Le Goff', 'Anne-Sophie', '0d9c…/+']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 3)).toEqual(['Le Goff', 'Anne-Sophie', '0d9c…/+']);
  });

  it.each([
    ['garbage', 'not base64 JSON!'],
    ['another shape', encodeCursor(['a', 'b'])],
    ['not strings', Buffer.from('[1,2,3]').toString('base64url')],
    ['an object', Buffer.from('{"a":1}').toString('base64url')],
  ])('rejects %s as invalid input naming the cursor', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 3)).toThrow(DomainError);
    try {
      decodeCursor(cursor, 3);
    } catch (error) {
      expect((error as DomainError).errors).toEqual([
        { field: 'cursor', message: expect.any(String) },
      ]);
    }
  });
});
