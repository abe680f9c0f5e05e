import { parse } from 'node:querystring';

import { reservedKeyPath } from './reserved-keys';

describe('reservedKeyPath', () => {
  it('finds reserved keys at any depth, as JSON.parse leaves them', () => {
    expect(reservedKeyPath(JSON.parse('{"kind":"urgent","__proto__":{"x":1}}'))).toBe('__proto__');
    expect(reservedKeyPath(JSON.parse('{"patient":{"constructor":"x"}}'))).toBe(
      'patient.constructor',
    );
    expect(reservedKeyPath(JSON.parse('{"slots":[{"prototype":1}]}'))).toBe('slots.0.prototype');
    expect(reservedKeyPath({ valueOf: 'x' })).toBe('valueOf');
  });

  it('finds them in a query string as Express parses it (an object without prototype)', () => {
    expect(reservedKeyPath(parse('state=pending&__proto__=x'))).toBe('__proto__');
    expect(reservedKeyPath(parse('valueOf=1'))).toBe('valueOf');
    expect(reservedKeyPath(parse('state=pending&limit=5'))).toBeUndefined();
  });

  it('passes ordinary bodies', () => {
    expect(
      reservedKeyPath({ kind: 'urgent', patient: { firstName: 'Anne' }, modes: ['in_person'] }),
    ).toBeUndefined();
    expect(reservedKeyPath('text/csv body')).toBeUndefined();
  });
});
