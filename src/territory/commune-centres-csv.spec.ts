import { parseCommuneCentresCsv } from './commune-centres-csv';

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

describe('parseCommuneCentresCsv', () => {
  it('reads a comma-separated file', () => {
    const result = parseCommuneCentresCsv(
      csv(
        'code_commune_insee,nom,latitude,longitude',
        '56007,Auray,47.668,-2.982',
        '2A004,Ajaccio,41.93,8.74',
      ),
    );
    expect(result).toEqual({
      centres: [
        { code: '56007', latitude: 47.668, longitude: -2.982 },
        { code: '2A004', latitude: 41.93, longitude: 8.74 },
      ],
      rejected: [],
    });
  });

  it('reads a semicolon-separated file with decimal commas', () => {
    const result = parseCommuneCentresCsv(
      csv('CODGEO;LIBGEO;Lat;Lon', '56007;Auray;47,668;-2,982', '56186;Quiberon;"47,484";-3,12'),
    );
    expect(result.centres).toEqual([
      { code: '56007', latitude: 47.668, longitude: -2.982 },
      { code: '56186', latitude: 47.484, longitude: -3.12 },
    ]);
    expect(result.rejected).toEqual([]);
  });

  it('accepts a quoted comma decimal in a comma-separated file', () => {
    const result = parseCommuneCentresCsv(csv('insee,lat,lng', '56007,"47,668","-2,982"'));
    expect(result.centres).toEqual([{ code: '56007', latitude: 47.668, longitude: -2.982 }]);
  });

  it('ignores a byte order mark, header case and spaces, and CRLF line ends', () => {
    const text =
      '\uFEFF Code_INSEE ; Latitude_Centre ; LONGITUDE_CENTRE \r\n56007 ; 47.668 ; -2.982\r\n';
    expect(parseCommuneCentresCsv(text).centres).toEqual([
      { code: '56007', latitude: 47.668, longitude: -2.982 },
    ]);
  });

  it('rejects bad rows only, naming the column and the line', () => {
    const result = parseCommuneCentresCsv(
      csv(
        'code,latitude,longitude',
        '56007,47.668,-2.982',
        '5600X,47.668,-2.982',
        '56186,91,-3.12',
        '56034,47.584,abc',
        '56023,,',
        '56013,1e2,-181',
        '56176,47.676',
      ),
    );
    expect(result.centres).toEqual([{ code: '56007', latitude: 47.668, longitude: -2.982 }]);
    expect(result.rejected).toEqual([
      {
        line: 3,
        errors: ['code must be an INSEE commune code of 5 characters, e.g. 56007 or 2A004'],
      },
      { line: 4, errors: ['latitude must be a number from -90 to 90'] },
      { line: 5, errors: ['longitude must be a number from -180 to 180'] },
      { line: 6, errors: ['latitude is required', 'longitude is required'] },
      {
        line: 7,
        errors: [
          'latitude must be a number from -90 to 90',
          'longitude must be a number from -180 to 180',
        ],
      },
      { line: 8, errors: ['longitude is required'] },
    ]);
  });

  it('rejects a second row for the same commune', () => {
    const result = parseCommuneCentresCsv(
      csv('code,lat,lon', '56007,47.668,-2.982', '56007,47.7,-2.9'),
    );
    expect(result.centres).toHaveLength(1);
    expect(result.rejected).toEqual([
      { line: 3, errors: ['code 56007 already appears on line 2'] },
    ]);
  });

  it('restores the leading zero a spreadsheet dropped and upper-cases Corsican codes', () => {
    const result = parseCommuneCentresCsv(
      csv('code,lat,lon', '1001,46.15,4.93', '2b033,42.7,9.45'),
    );
    expect(result.centres.map((centre) => centre.code)).toEqual(['01001', '2B033']);
  });

  it('counts file lines across blank lines, blank records and multi-line quoted fields', () => {
    const result = parseCommuneCentresCsv(
      csv(
        'code;nom;lat;lon',
        '',
        '56007;"Auray',
        'centre";47,668;-2,982',
        ';;;',
        '56186;Quiberon;x;-3,12',
      ),
    );
    expect(result.centres).toHaveLength(1);
    expect(result.rejected).toEqual([
      { line: 6, errors: ['latitude must be a number from -90 to 90'] },
    ]);
  });

  it('prefers the most specific code column when several match', () => {
    const result = parseCommuneCentresCsv(csv('code,code_insee,lat,lon', '84,56007,47.668,-2.982'));
    expect(result.centres).toEqual([{ code: '56007', latitude: 47.668, longitude: -2.982 }]);
  });

  it('throws on a header that lacks a required column, listing what was expected', () => {
    expect(() => parseCommuneCentresCsv(csv('code;x;y', '56007;47.668;-2.982'))).toThrow(
      /lacks latitude, longitude: expected a header row with columns code \(one of .*codgeo.*\); latitude \(one of latitude, latitude_centre, lat\); longitude \(one of .*lng\).*found: code, x, y/,
    );
  });

  it('throws on an empty file', () => {
    expect(() => parseCommuneCentresCsv('')).toThrow(/empty.*expected a header row/);
    expect(() => parseCommuneCentresCsv('\uFEFF\n\n')).toThrow(/empty/);
  });

  it('returns nothing for a header-only file', () => {
    expect(parseCommuneCentresCsv('code,lat,lon')).toEqual({ centres: [], rejected: [] });
  });

  it('rejects, with its line, a well-formed code that isKnown refuses', () => {
    const known = (code: string) => code !== '56999';
    const result = parseCommuneCentresCsv(
      csv('code,lat,lon', '56999,47.6,-2.9', '56007,47.668,-2.982'),
      known,
    );
    expect(result).toEqual({
      centres: [{ code: '56007', latitude: 47.668, longitude: -2.982 }],
      rejected: [{ line: 2, errors: ['code 56999 is not a current French commune'] }],
    });
  });
});
