import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

import { IsPhone, toE164, toNationalFormat } from './phone';

class Contact {
  @IsPhone()
  phone!: unknown;
}

function check(phone: unknown): { phone: unknown; valid: boolean } {
  const contact = plainToInstance(Contact, { phone });
  return { phone: contact.phone, valid: validateSync(contact).length === 0 };
}

describe('toE164', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06.12.34.56.78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['0033612345678', '+33612345678'],
    [' 02 97 24 00 00 ', '+33297240000'],
    ['+32 2 555 12 12', '+3225551212'],
    ['0692 12 34 56', '+262692123456'],
    ['0262 41 00 00', '+262262410000'],
    ['0690 12 34 56', '+590690123456'],
    ['0696 12 34 56', '+596696123456'],
    ['0694 12 34 56', '+594694123456'],
    ['+262 692 12 34 56', '+262692123456'],
  ])('turns %p into %p', (raw, e164) => {
    expect(toE164(raw)).toBe(e164);
  });

  it.each(['', '123', '06 12 34', '+33 6 12 34 56 78 90', 'not a phone', '+999 123'])(
    'refuses %p',
    (raw) => {
      expect(toE164(raw)).toBeNull();
    },
  );
});

describe('@IsPhone', () => {
  it('stores the E.164 form of what it validated', () => {
    expect(check('06 12 34 56 78')).toEqual({ phone: '+33612345678', valid: true });
  });

  it('rejects invalid numbers and non-strings, leaving them as given', () => {
    expect(check('0612')).toEqual({ phone: '0612', valid: false });
    expect(check(612345678)).toEqual({ phone: 612345678, valid: false });
    expect(check(undefined)).toEqual({ phone: undefined, valid: false });
  });
});

describe('toNationalFormat', () => {
  it.each([
    ['+33297240000', '02 97 24 00 00'],
    ['+33612345678', '06 12 34 56 78'],
    ['+262692123456', '0692 12 34 56'],
  ])('writes %s as %s', (e164, national) => {
    expect(toNationalFormat(e164)).toBe(national);
  });
});
