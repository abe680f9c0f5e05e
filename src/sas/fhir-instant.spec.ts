import { fhirParisInstant } from './fhir-instant';

describe('fhirParisInstant', () => {
  it('always writes milliseconds and the Paris offset, summer and winter', () => {
    expect(fhirParisInstant(new Date('2026-06-01T08:00:00Z'))).toBe(
      '2026-06-01T10:00:00.000+02:00',
    );
    expect(fhirParisInstant(new Date('2026-12-01T08:00:00.250Z'))).toBe(
      '2026-12-01T09:00:00.250+01:00',
    );
  });

  it('crosses the change of offset on the right hour', () => {
    expect(fhirParisInstant(new Date('2026-03-29T00:59:00Z'))).toBe(
      '2026-03-29T01:59:00.000+01:00',
    );
    expect(fhirParisInstant(new Date('2026-03-29T01:00:00Z'))).toBe(
      '2026-03-29T03:00:00.000+02:00',
    );
  });
});
