import { isUuid } from './uuid';

describe('isUuid', () => {
  it('accepts 8-4-4-4-12 hex digits of any version or case', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('0F8FAD5B-D9CB-069F-0165-70867728950E')).toBe(true);
    expect(isUuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses anything else', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950')).toBe(false);
    expect(isUuid('0f8fad5bd9cb469fa16570867728950e')).toBe(false);
    expect(isUuid(' 0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    expect(isUuid('g f8fad5b-d9cb-469f-a165-70867728950e')).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
