import { idnst, structureIdError } from './practice-structure';

describe('practice structure identifier', () => {
  it('prefixes each kind of number as IDNST wants', () => {
    expect(idnst({ type: 'finess', value: '560012345' })).toBe('1560012345');
    expect(idnst({ type: 'siret', value: '12345678901234' })).toBe('312345678901234');
    expect(idnst({ type: 'rpps_rang', value: '1000123456701' })).toBe('41000123456701');
  });

  it('accepts well-formed numbers', () => {
    expect(structureIdError({ type: 'finess', value: '560012345' })).toBeNull();
    expect(structureIdError({ type: 'siret', value: '12345678901234' })).toBeNull();
    expect(structureIdError({ type: 'rpps_rang', value: '100012345671' })).toBeNull();
    expect(structureIdError({ type: 'rpps_rang', value: '10001234567123' })).toBeNull();
  });

  it('names what is wrong with a malformed number', () => {
    expect(structureIdError({ type: 'finess', value: '56001234' })).toMatch(/FINESS.*9 digits/);
    expect(structureIdError({ type: 'finess', value: '2A0012345' })).toMatch(/FINESS/);
    expect(structureIdError({ type: 'siret', value: '123 456 789 01234' })).toMatch(/SIRET/);
    expect(structureIdError({ type: 'rpps_rang', value: '10001234567' })).toMatch(/RPPS-rang/);
    expect(structureIdError({ type: 'rpps_rang', value: '100012345671234' })).toMatch(/RPPS/);
  });

  it('refuses an unknown kind', () => {
    expect(structureIdError({ type: 'siren' as never, value: '123456789' })).toMatch(/one of/);
  });
});
