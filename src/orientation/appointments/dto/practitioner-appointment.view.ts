import type { ConsultationMode } from '../../../common/consultation-mode';
import type { AppointmentOutcome } from '../../urgent/appointment.entity';

/**
 * What a GP sees of a patient booked with them: first name, initial and age (as in the offer and
 * the booking message), the short reason the platform gave, and whether they came.
 */
export class PractitionerAppointmentView {
  appointmentId!: string;
  requestId!: string;
  reference!: string;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
  place!: { address: string; communeName: string };
  patient!: { firstName: string; initial: string; age: number };
  reason!: string;
  outcome!: AppointmentOutcome | null;
}

export class PractitionerAppointmentPage {
  items!: PractitionerAppointmentView[];
  nextCursor!: string | null;
}
