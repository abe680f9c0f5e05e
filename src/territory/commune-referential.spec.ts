import { readFileSync } from 'node:fs';

import { isCommuneCode } from '../common/commune-code';
import { CommuneRecord, jsonArrayElements, loadCommuneReferential } from './commune-referential';

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

  it('reads what parsing each file whole reads', () => {
    const whole = <T>(fileName: string) =>
      JSON.parse(
        readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${fileName}`), 'utf8'),
      ) as T;
    const epciByCommune = new Map<string, string>();
    for (const epci of whole<Array<{ code: string; membres: Array<{ code: string }> }>>(
      'epci.json',
    )) {
      for (const member of epci.membres) epciByCommune.set(member.code, epci.code);
    }
    const expected = whole<
      Array<{
        code: string;
        nom: string;
        type: string;
        departement: string;
        codesPostaux?: string[];
      }>
    >('communes.json')
      .filter((commune) => commune.type === 'commune-actuelle')
      .map((commune) => ({
        code: commune.code,
        name: commune.nom,
        postalCodes: commune.codesPostaux ?? [],
        epciCode: epciByCommune.get(commune.code) ?? null,
        department: commune.departement,
      }));
    expect(communes).toHaveLength(expected.length);
    // Compared as text: Jest's deep equality takes seconds over 35,000 records.
    expect(JSON.stringify(communes) === JSON.stringify(expected)).toBe(true);
  });
});

describe('jsonArrayElements', () => {
  const elements = (json: string) => [...jsonArrayElements(Buffer.from(json))];

  it('gives each element of an array, as JSON.parse reads the whole', () => {
    const json = ' [ 1 , "a,]}" , {"x":[1,{"y":"\\"]"}]} , [ ] , null, {"k":"é\\u00e9\\\\"} ]\n';
    expect(elements(json).map((text) => JSON.parse(text) as unknown)).toEqual(JSON.parse(json));
    expect(elements('[]')).toEqual([]);
  });

  it.each(['{}', '[1,]', '[,1]', '[1,,2]', '[1', '[1] x'])('rejects %p', (json) => {
    expect(() => elements(json)).toThrow(SyntaxError);
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
