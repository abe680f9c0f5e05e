import { isCommuneCode } from '../common/commune-code';
import { CommuneRecord, loadCommuneReferential } from './commune-referential';

describe('loadCommuneReferential', () => {
  let communes: CommuneRecord[];
  let byCode: Map<string, CommuneRecord>;

  beforeAll(() => {
    communes = loadCommuneReferential();
    byCode = new Map(communes.map((commune) => [commune.code, commune]));
  });

  it('knows every current commune, once each', () => {
    expect(communes.length).toBeGreaterThan(34_000);
    expect(byCode.size).toBe(communes.length);
  });

  it('describes Auray with its postal code, département and EPCI', () => {
    expect(byCode.get('56007')).toEqual({
      code: '56007',
      name: 'Auray',
      postalCodes: ['56400'],
      epciCode: expect.stringMatching(/^\d{9}$/),
      department: '56',
    });
  });

  it('knows Corsican communes by their 2A/2B codes', () => {
    expect(byCode.get('2A004')).toMatchObject({ name: 'Ajaccio', department: '2A' });
  });

  it('leaves out delegated communes and municipal arrondissements', () => {
    expect(byCode.has('75101')).toBe(false);
    expect(byCode.get('75056')).toMatchObject({ name: 'Paris' });
  });

  it('gives a valid code to every commune', () => {
    expect(communes.filter((commune) => !isCommuneCode(commune.code))).toEqual([]);
  });
});

describe('isCommuneCode', () => {
  it.each(['56007', '01001', '2A004', '2B033', '97411'])('accepts %p', (code) => {
    expect(isCommuneCode(code)).toBe(true);
  });

  it.each(['5600', '560070', '2C004', '2a004', '2A04', '20A04', 'AB123', ' 56007', '', '56 07'])(
    'rejects %p',
    (code) => {
      expect(isCommuneCode(code)).toBe(false);
    },
  );
});
