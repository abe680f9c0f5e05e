import type { AccessToken } from '../../access/access-token.entity';
import type { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { toParisIso } from '../../common/paris-time';
import type { Person } from '../../people/person.entity';
import type { Appointment } from '../urgent/appointment.entity';
import {
  PractitionerSummary,
  type Proposal,
  RequestHeadline,
  RequestView,
} from './dto/request.view';
import type { OrientationRequest } from './orientation-request.entity';
import type { RequestEvent } from './request-event.entity';

/** A history entry with who acted, when a person or a machine token did. */
export type HistoryEvent = RequestEvent & { person?: Person; token?: AccessToken };

/** Who acted, as people read it: "Dr Anne Martin" (practitioner), "Plateforme 15" (platform). */
export function actorView(event: HistoryEvent) {
  if (event.person) {
    return { kind: 'person' as const, name: event.person.displayName, role: event.person.role };
  }
  if (event.token)
    return { kind: 'token' as const, name: event.token.label, role: event.token.role };
  return undefined;
}

export { PractitionerSummary, RequestView };

export function practitionerSummary(
  practitioner: Practitioner,
  communeName: string,
): PractitionerSummary {
  return {
    id: practitioner.id,
    firstName: practitioner.firstName,
    lastName: practitioner.lastName,
    address: practitioner.address,
    communeName,
  };
}

export interface RequestParts {
  /** The slot held while the patient agrees to it (status `held`). */
  proposal?: Proposal;
  appointment?: { row: Appointment; practitioner: PractitionerSummary };
  assignee?: PractitionerSummary;
  history?: HistoryEvent[];
}

/** What names a request in short lists: reference, kind, status and times. */
export function requestHeadline(request: OrientationRequest): RequestHeadline {
  return {
    id: request.id,
    reference: request.reference,
    kind: request.kind,
    status: request.status,
    createdAt: toParisIso(request.createdAt),
    deadlineAt: toParisIso(request.deadlineAt),
  };
}

/** A request as the API shows it: times in Europe/Paris, the appointment or assignment if any. */
export function requestView(request: OrientationRequest, parts: RequestParts = {}): RequestView {
  const { proposal, appointment, assignee, history } = parts;
  return {
    ...requestHeadline(request),
    patient: {
      firstName: request.patientFirstName,
      lastName: request.patientLastName,
      birthDate: request.patientBirthDate,
      phone: request.patientPhone,
      email: request.patientEmail ?? undefined,
      communeCode: request.patientCommuneCode,
      referringPractitionerRpps: request.referringPractitionerRpps ?? undefined,
    },
    reason: request.reason || undefined,
    acceptedModes: request.acceptedModes,
    priorityFlags: request.priorityFlags,
    escalatedAt: request.escalatedAt ? toParisIso(request.escalatedAt) : undefined,
    unmetReason: request.unmetReason ?? undefined,
    late: request.late || undefined,
    proposal,
    appointment: appointment && {
      slotId: appointment.row.slotId,
      practitioner: appointment.practitioner,
      startsAt: toParisIso(appointment.row.startsAt),
      endsAt: toParisIso(appointment.row.endsAt),
      mode: appointment.row.mode,
      outcome: appointment.row.outcome ?? undefined,
    },
    assignment:
      assignee && request.assignedAt
        ? { practitioner: assignee, acceptedAt: toParisIso(request.assignedAt) }
        : undefined,
    history: history?.map((event) => ({
      at: toParisIso(event.at),
      type: event.type,
      by: actorView(event),
      detail: {
        ...event.detail,
        fromStatus: event.fromStatus ?? undefined,
        actorTokenId: event.actorTokenId ?? undefined,
        actorPersonId: event.actorPersonId ?? undefined,
      },
    })),
  };
}
