import {
  sasAppointmentBody,
  type SasAppointmentFacts,
  sasConditionalUrl,
  sasStatus,
} from './sas-appointment';

const FACTS: SasAppointmentFacts = {
  appointmentId: '7d1c2e9a-1111-4222-8333-944455556666',
  status: 'booked',
  outcome: null,
  startsAt: new Date('2026-07-01T08:00:00Z'),
  endsAt: new Date('2026-07-01T08:20:00Z'),
  createdAt: new Date('2026-06-30T15:04:05.678Z'),
  practitionerRpps: '10003456789',
  regulatorNationalId: '810001234567',
};
const BASE = 'https://cpts.example';

describe('sasAppointmentBody', () => {
  it('is a FrAppointmentSAS naming the regulator and the GP by IDNPS, without the patient', () => {
    const body = sasAppointmentBody(BASE, FACTS);
    expect(body).toEqual({
      resourceType: 'Appointment',
      meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS'] },
      extension: [
        {
          url: 'http://interopsante.org/fhir/StructureDefinition/FrAppointmentOperator',
          valueReference: {
            identifier: {
              type: {
                coding: [
                  { system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' },
                ],
              },
              system: 'urn:oid:1.2.250.1.71.4.2.1',
              value: '810001234567',
            },
          },
        },
      ],
      identifier: [
        { system: 'https://cpts.example/fhir/sid/appointment', value: FACTS.appointmentId },
      ],
      status: 'booked',
      start: '2026-07-01T10:00:00+02:00',
      end: '2026-07-01T10:20:00+02:00',
      created: '2026-06-30T17:04:05.678+02:00',
      participant: [
        {
          actor: {
            identifier: {
              type: {
                coding: [
                  { system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' },
                ],
              },
              system: 'urn:oid:1.2.250.1.71.4.2.1',
              value: '810003456789',
            },
          },
          status: 'accepted',
        },
      ],
    });
    expect(JSON.stringify(body)).not.toMatch(/Patient/);
  });

  it('says cancelled, fulfilled or noshow as the appointment changed', () => {
    expect(sasStatus({ status: 'cancelled', outcome: null })).toBe('cancelled');
    expect(sasStatus({ status: 'booked', outcome: 'honoured' })).toBe('fulfilled');
    expect(sasStatus({ status: 'booked', outcome: 'no_show' })).toBe('noshow');
    expect(sasAppointmentBody(BASE, { ...FACTS, status: 'cancelled' }).status).toBe('cancelled');
  });

  it('keeps the same identifier for the whole life of the appointment', () => {
    const booked = sasAppointmentBody(BASE, FACTS);
    const cancelled = sasAppointmentBody(BASE, { ...FACTS, status: 'cancelled' });
    expect(cancelled.identifier).toEqual(booked.identifier);
  });
});

describe('sasConditionalUrl', () => {
  it('is a lower-case identifier search, system|value URL-encoded', () => {
    expect(sasConditionalUrl('https://sas.example/fhir', BASE, FACTS.appointmentId)).toBe(
      'https://sas.example/fhir/Appointment?identifier=' +
        encodeURIComponent(`https://cpts.example/fhir/sid/appointment|${FACTS.appointmentId}`),
    );
  });
});
