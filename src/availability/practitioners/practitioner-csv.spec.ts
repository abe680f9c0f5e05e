import { DomainError } from '../../common/domain-error';
import { readPractitionersCsv } from './practitioner-csv';

function csv(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

const FRENCH_HEADER = 'RPPS;Nom;Prénom;E-mail;Téléphone;Adresse;Code commune;Modes';

describe('readPractitionersCsv', () => {
  it('reads a French spreadsheet export into the DTO of POST /practitioners, with its defaults', () => {
    const result = readPractitionersCsv(
      csv(
        FRENCH_HEADER,
        '10003456789;Le Goff;Anne;anne@example.org;06 12 34 56 78;2 rue du Port;56007;cabinet, visite',
      ),
    );
    expect(result.rejected).toEqual([]);
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0].line).toBe(2);
    expect({ ...result.rows[0].input }).toEqual({
      rpps: '10003456789',
      firstName: 'Anne',
      lastName: 'Le Goff',
      email: 'anne@example.org',
      phone: '+33612345678',
      practice: expect.objectContaining({ address: '2 rue du Port', communeCode: '56007' }),
      modes: ['in_person', 'home_visit'],
      languages: undefined,
      weeklyUrgentCap: undefined,
      notify: expect.objectContaining({ email: true, sms: false }),
    });
  });

  it('reads English headers, commas, coordinates, languages, cap and notification choices', () => {
    const result = readPractitionersCsv(
      csv(
        'rpps,first_name,last_name,email,phone,address,commune_code,latitude,longitude,modes,languages,weekly_urgent_cap,notify_email,notify_sms',
        '10003456789,Anne,Le Goff,anne@example.org,+33612345678,1 place,2A004,"41,93",8.74,in_person|teleconsultation,FR/en,15,non,oui',
      ),
    );
    expect(result.rejected).toEqual([]);
    const input = result.rows[0].input;
    expect(input.practice).toEqual(
      expect.objectContaining({ communeCode: '2A004', latitude: 41.93, longitude: 8.74 }),
    );
    expect(input.modes).toEqual(['in_person', 'teleconsultation']);
    expect(input.languages).toEqual(['fr', 'en']);
    expect(input.weeklyUrgentCap).toBe(15);
    expect(input.notify).toEqual(expect.objectContaining({ email: false, sms: true }));
  });

  it('restores the leading zero a spreadsheet dropped from a commune code', () => {
    const result = readPractitionersCsv(
      csv(FRENCH_HEADER, '10003456789;Martin;Paul;p@example.org;0612345678;1 rue;1053;cabinet'),
    );
    expect(result.rows[0].input.practice.communeCode).toBe('01053');
  });

  it('rejects bad rows only, with their line and reasons naming the columns as the file does', () => {
    const result = readPractitionersCsv(
      csv(
        FRENCH_HEADER,
        '10003456789;Le Goff;Anne;anne@example.org;0612345678;2 rue du Port;56007;cabinet',
        '',
        '123;Martin;;not-an-email;0612;1 rue;56X;astral',
        '10003456790;Durand;Luc;luc@example.org;0612345679;3 rue;56034;cabinet',
      ),
    );
    expect(result.rows.map((row) => row.line)).toEqual([2, 5]);
    expect(result.rejected).toHaveLength(1);
    const [rejection] = result.rejected;
    expect(rejection.line).toBe(4);
    const fields = rejection.errors.map((error) => error.field);
    expect(fields).toEqual(
      expect.arrayContaining(['RPPS', 'Prénom', 'E-mail', 'Téléphone', 'Code commune', 'Modes']),
    );
    for (const { field, message } of rejection.errors) expect(message).toContain(field);
  });

  it('rejects a coordinate without its pair, naming the missing column', () => {
    const result = readPractitionersCsv(
      csv(
        'rpps;nom;prenom;email;telephone;adresse;code_commune;modes;latitude;longitude',
        '10003456789;Le Goff;Anne;a@example.org;0612345678;2 rue;56007;cabinet;47.6;',
      ),
    );
    expect(result.rejected.map((rejection) => rejection.line)).toEqual([2]);
    const fields = new Set(result.rejected[0].errors.map((error) => error.field));
    expect(fields).toEqual(new Set(['longitude']));
  });

  it('rejects an unreadable yes/no, cap or language, naming the column', () => {
    const result = readPractitionersCsv(
      csv(
        'rpps;nom;prenom;email;telephone;adresse;code_commune;modes;langues;plafond_snp_hebdo;notif_sms',
        '10003456789;Le Goff;Anne;a@example.org;0612345678;2 rue;56007;cabinet;fr,xx;beaucoup;peut-être',
      ),
    );
    const fields = result.rejected[0].errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(['langues', 'plafond_snp_hebdo', 'notif_sms']));
  });

  it('rejects a later row repeating an RPPS of the file', () => {
    const row = '10003456789;Le Goff;Anne;a@example.org;0612345678;2 rue;56007;cabinet';
    const result = readPractitionersCsv(csv(FRENCH_HEADER, row, row));
    expect(result.rows).toHaveLength(1);
    expect(result.rejected).toEqual([
      {
        line: 3,
        errors: [{ field: 'RPPS', message: 'RPPS 10003456789 already appears on line 2' }],
      },
    ]);
  });

  it('restates later errors about DTO fields in the columns of the file', () => {
    const result = readPractitionersCsv(csv(FRENCH_HEADER));
    expect(
      result.inColumns([
        { field: 'practice.communeCode', message: 'communeCode 56999 is unknown' },
      ]),
    ).toEqual([{ field: 'Code commune', message: 'Code commune 56999 is unknown' }]);
  });

  it('refuses a header without the required columns, naming each', () => {
    try {
      readPractitionersCsv(csv('rpps;nom;email', '10003456789;Le Goff;a@example.org'));
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const fields = ((error as DomainError).errors ?? []).map((e) => e.field);
      expect(fields).toEqual(['prenom', 'telephone', 'adresse', 'code_commune', 'modes']);
    }
  });

  it('refuses an empty body', () => {
    expect(() => readPractitionersCsv('')).toThrow(DomainError);
  });
});
