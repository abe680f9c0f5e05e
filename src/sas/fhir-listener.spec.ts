import { subjectAllowed } from './fhir-listener';

describe('subjectAllowed', () => {
  const allowed = [
    { cn: 'sas.example.fr', ou: 'SAS' },
    { cn: 'recette.sas.fr', ou: 'Recette' },
  ];

  it('admits a subject whose CN and OU match the same entry', () => {
    expect(subjectAllowed({ CN: 'sas.example.fr', OU: 'SAS', O: 'ANS' }, allowed)).toBe(true);
    expect(subjectAllowed({ CN: 'recette.sas.fr', OU: ['Autre', 'Recette'] }, allowed)).toBe(true);
  });

  it('refuses a CN of one entry with the OU of another, a missing field, or no subject', () => {
    expect(subjectAllowed({ CN: 'sas.example.fr', OU: 'Recette' }, allowed)).toBe(false);
    expect(subjectAllowed({ CN: 'sas.example.fr' }, allowed)).toBe(false);
    expect(subjectAllowed({ OU: 'SAS' }, allowed)).toBe(false);
    expect(subjectAllowed({ CN: 'SAS.EXAMPLE.FR', OU: 'SAS' }, allowed)).toBe(false);
    expect(subjectAllowed(undefined, allowed)).toBe(false);
  });
});
