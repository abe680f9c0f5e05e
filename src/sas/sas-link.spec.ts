import { parseSasBookingLink } from './sas-link';

const GP = '0b8f5c1e-3c4d-4e5f-8a9b-1c2d3e4f5a6b';

describe('parseSasBookingLink', () => {
  it('reads the practitioner and the origin the SAS platform appended', () => {
    expect(parseSasBookingLink(`/plateforme/sas?practitioner=${GP}&origin=sas-bretagne`)).toEqual({
      practitionerId: GP,
      origin: 'sas-bretagne',
    });
    expect(parseSasBookingLink(`/plateforme/sas?practitioner=${GP.toUpperCase()}`)).toEqual({
      practitionerId: GP,
      origin: undefined,
    });
  });

  it('is undefined for any other page, a bad id, or another site', () => {
    expect(parseSasBookingLink('/dashboard')).toBeUndefined();
    expect(parseSasBookingLink(undefined)).toBeUndefined();
    expect(parseSasBookingLink('/plateforme/sas?practitioner=42')).toBeUndefined();
    expect(parseSasBookingLink(`//evil.example/plateforme/sas?practitioner=${GP}`)).toBeUndefined();
    expect(parseSasBookingLink(`/plateforme/sasx?practitioner=${GP}`)).toBeUndefined();
  });

  it('keeps at most 200 characters of the origin', () => {
    const link = parseSasBookingLink(
      `/plateforme/sas?practitioner=${GP}&origin=${'o'.repeat(300)}`,
    );
    expect(link?.origin).toHaveLength(200);
  });
});
