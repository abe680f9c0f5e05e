import { ageOn, bodyHash, canonicalJson, newReference } from './request-identity';

describe('request identity', () => {
  it('makes readable references by kind and Paris date', () => {
    expect(newReference('urgent', new Date('2027-03-27T23:30:00Z'))).toMatch(
      /^SNP-270328-[A-Z2-9]{4}$/,
    );
    expect(newReference('referring_physician', new Date('2027-01-05T10:00:00Z'))).toMatch(
      /^MT-270105-/,
    );
  });

  it('hashes bodies independently of key order and absent fields', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: undefined } })).toBe('{"a":{"d":[1,2]},"b":1}');
    expect(bodyHash({ a: 1, b: 2 })).toBe(bodyHash({ b: 2, a: 1 }));
    expect(bodyHash({ a: 1 })).not.toBe(bodyHash({ a: 2 }));
  });

  it('computes ages in whole years, leap days included', () => {
    expect(ageOn('2000-02-29', new Date('2027-02-28T12:00:00Z'))).toBe(26);
    expect(ageOn('2000-02-29', new Date('2027-03-01T12:00:00Z'))).toBe(27);
    expect(ageOn('1950-06-15', new Date('2027-06-14T12:00:00Z'))).toBe(76);
  });
});
