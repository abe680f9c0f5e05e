import { DateTime } from 'luxon';

import type { ConsultationMode } from '../../common/consultation-mode';
import { ageOn } from '../requests/request-identity';
import type { AppointmentOutcome } from '../urgent/appointment.entity';
import { PractitionerAppointmentView } from './dto/practitioner-appointment.view';

const DAY_MS = 24 * 60 * 60_000;
/** "My patients" opens on the last week and the next two. */
export const APPOINTMENTS_BEFORE_MS = 7 * DAY_MS;
export const APPOINTMENTS_AFTER_MS = 14 * DAY_MS;
export const APPOINTMENTS_MAX_WINDOW_MS = 93 * DAY_MS;

export interface PractitionerAppointmentRow {
  appointmentId: string;
  requestId: string;
  reference: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  address: string;
  communeCode: string;
  patientFirstName: string;
  patientLastName: string;
  patientBirthDate: string;
  reason: string;
  outcome: AppointmentOutcome | null;
}

export { PractitionerAppointmentView };

/**
 * What a GP sees of a patient booked with them: first name, initial and age (as in the offer and
 * the booking message), the short reason the platform gave, and whether they came.
 */
export function practitionerAppointmentView(
  row: PractitionerAppointmentRow,
  communeName: string,
  now: Date,
  iso: (at: Date) => string,
): PractitionerAppointmentView {
  return {
    appointmentId: row.appointmentId,
    requestId: row.requestId,
    reference: row.reference,
    startsAt: iso(row.startsAt),
    endsAt: iso(row.endsAt),
    mode: row.mode,
    place: { address: row.address, communeName },
    patient: {
      firstName: row.patientFirstName,
      initial: row.patientLastName.slice(0, 1).toUpperCase(),
      age: ageOn(row.patientBirthDate, now),
    },
    reason: row.reason,
    outcome: row.outcome,
  };
}

export interface AppointmentWindow {
  from: Date;
  to: Date;
}

/** The window asked for, or the default one around now; errors name the field. */
export function appointmentWindow(
  query: { from?: string; to?: string },
  now: Date,
): AppointmentWindow | { field: 'to'; message: string } {
  const from = query.from
    ? DateTime.fromISO(query.from).toJSDate()
    : new Date(now.getTime() - APPOINTMENTS_BEFORE_MS);
  const to = query.to
    ? DateTime.fromISO(query.to).toJSDate()
    : query.from
      ? new Date(from.getTime() + APPOINTMENTS_BEFORE_MS + APPOINTMENTS_AFTER_MS)
      : new Date(now.getTime() + APPOINTMENTS_AFTER_MS);
  if (to <= from) return { field: 'to', message: 'to must be after from' };
  if (to.getTime() - from.getTime() > APPOINTMENTS_MAX_WINDOW_MS) {
    return { field: 'to', message: 'the window must not exceed 93 days' };
  }
  return { from, to };
}
