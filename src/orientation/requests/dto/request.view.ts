import { ApiProperty } from '@nestjs/swagger';

import type { Role } from '../../../access/role';
import type { ConsultationMode } from '../../../common/consultation-mode';
import {
  type PriorityFlag,
  REQUEST_STATUSES,
  type RequestKind,
  type RequestStatus,
  type UnmetReason,
} from '../../../common/request-status';
import type { AppointmentOutcome } from '../../urgent/appointment.entity';

/** The practitioner of an appointment or an assignment, as the patient is told. */
export class PractitionerSummary {
  id!: string;
  firstName!: string;
  lastName!: string;
  address!: string;
  communeName!: string;
}

/** A slot offered to the patient on the phone, with who, where and why. */
export class SlotChoice {
  slotId!: string;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
  practitioner!: PractitionerSummary;
  distanceKm!: number | null;
  why!: string;
}

/** The slot held while the patient agrees to it (request status `held`). */
export class Proposal extends SlotChoice {
  heldUntil!: string;
}

export class RequestPatient {
  firstName!: string;
  lastName!: string;
  /** YYYY-MM-DD */
  birthDate!: string;
  /** E.164 */
  phone!: string;
  email?: string;
  communeCode!: string;
  referringPractitionerRpps?: string;
}

export class RequestAppointment {
  /** Null for an appointment outside published slots (surnuméraire). */
  slotId!: string | null;
  practitioner!: PractitionerSummary;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
  outcome?: AppointmentOutcome;
}

export class RequestAssignment {
  practitioner!: PractitionerSummary;
  acceptedAt!: string;
}

/** Who acted: a person (by name and role) or a machine token (by label and role). */
export class HistoryActor {
  @ApiProperty({ enum: ['person', 'token'] })
  kind!: 'person' | 'token';
  name!: string;
  role!: Role;
}

export class HistoryEntry {
  at!: string;
  type!: string;
  by?: HistoryActor;
  /** What the event recorded (ids, statuses, reasons), never more patient data than the request. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  detail!: Record<string, unknown>;
}

/** What names a request in short lists. */
export class RequestHeadline {
  id!: string;
  /** The short reference people read out on the phone. */
  reference!: string;
  kind!: RequestKind;
  // Listed explicitly: the order of a union is the compiler's, not the same in nest build and Jest.
  @ApiProperty({ enum: REQUEST_STATUSES })
  status!: RequestStatus;
  createdAt!: string;
  deadlineAt!: string;
}

/** A request as the API shows it: times in Europe/Paris, the appointment or assignment if any. */
export class RequestView extends RequestHeadline {
  patient!: RequestPatient;
  reason?: string;
  acceptedModes!: ConsultationMode[];
  priorityFlags!: PriorityFlag[];
  escalatedAt?: string;
  unmetReason?: UnmetReason;
  /** Booked or assigned after its deadline. */
  late?: boolean;
  proposal?: Proposal;
  appointment?: RequestAppointment;
  assignment?: RequestAssignment;
  /** In the answer to GET /requests/{id}. */
  history?: HistoryEntry[];
}

/** The answer to POST /requests: with `booking: propose`, the other slots the patient may take. */
export class FiledRequest extends RequestView {
  alternatives?: SlotChoice[];
}

export class RequestPage {
  items!: RequestView[];
  nextCursor!: string | null;
}

export class DuplicateRequest extends RequestHeadline {
  patient!: { firstName: string; lastInitial: string };
}

export class DuplicateRequests {
  items!: DuplicateRequest[];
}
