import { toParisIso } from '../common/paris-time';

export const FR_APPOINTMENT_SAS = 'http://sas.fr/fhir/StructureDefinition/FrAppointmentSAS';
export const FR_APPOINTMENT_OPERATOR =
  'http://interopsante.org/fhir/StructureDefinition/FrAppointmentOperator';
const IDNPS_SYSTEM = 'urn:oid:1.2.250.1.71.4.2.1';
const IDNPS_TYPE = {
  coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' }],
};

/** What INT_R03 says of one appointment, read from its row at send time: ids and times only. */
export interface SasAppointmentFacts {
  appointmentId: string;
  status: 'booked' | 'cancelled';
  outcome: 'honoured' | 'no_show' | null;
  startsAt: Date;
  endsAt: Date;
  createdAt: Date;
  practitionerRpps: string;
  /** The regulator who booked: `8` + RPPS, from their Pro Santé Connect sign-in. */
  regulatorNationalId: string;
}

export type SasAppointmentStatus = 'booked' | 'cancelled' | 'fulfilled' | 'noshow';

export function sasStatus(facts: Pick<SasAppointmentFacts, 'status' | 'outcome'>) {
  if (facts.status === 'cancelled') return 'cancelled';
  if (facts.outcome === 'honoured') return 'fulfilled';
  if (facts.outcome === 'no_show') return 'noshow';
  return 'booked';
}

/** Our identifier of an appointment: `system` per deployment, the value its id, for its whole life. */
export function sasIdentifier(publicUrl: string, appointmentId: string) {
  return { system: `${publicUrl}/fhir/sid/appointment`, value: appointmentId };
}

/** The `FrAppointmentSAS` resource sent on creation (POST) and on every change (conditional PUT). */
export function sasAppointmentBody(publicUrl: string, facts: SasAppointmentFacts) {
  return {
    resourceType: 'Appointment',
    meta: { profile: [FR_APPOINTMENT_SAS] },
    extension: [
      {
        url: FR_APPOINTMENT_OPERATOR,
        valueReference: {
          identifier: { type: IDNPS_TYPE, system: IDNPS_SYSTEM, value: facts.regulatorNationalId },
        },
      },
    ],
    identifier: [sasIdentifier(publicUrl, facts.appointmentId)],
    status: sasStatus(facts),
    start: toParisIso(facts.startsAt),
    end: toParisIso(facts.endsAt),
    created: toParisIso(facts.createdAt),
    participant: [
      {
        actor: {
          identifier: {
            type: IDNPS_TYPE,
            system: IDNPS_SYSTEM,
            value: `8${facts.practitionerRpps}`,
          },
        },
        status: 'accepted',
      },
    ],
  };
}

/** `[base]/Appointment?identifier=<system>|<value>`, the conditional update of one appointment. */
export function sasConditionalUrl(base: string, publicUrl: string, appointmentId: string): string {
  const { system, value } = sasIdentifier(publicUrl, appointmentId);
  return `${base}/Appointment?identifier=${encodeURIComponent(`${system}|${value}`)}`;
}
