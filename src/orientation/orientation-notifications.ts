import type { Practitioner } from '../availability/practitioners/practitioner.entity';
import { toParisIso } from '../common/paris-time';
import { toNationalFormat } from '../common/phone';
import type {
  NotificationRequest,
  SasAppointmentChange,
  TemplateMessage,
} from '../notifications/notifications.service';
import type { OrientationRequest } from './requests/orientation-request.entity';
import { ageOn } from './requests/request-identity';
import type { Appointment } from './urgent/appointment.entity';

const REMINDER_BEFORE_MS = 2 * 3_600_000;

type Contact = Pick<Practitioner, 'email' | 'phone' | 'notifyEmail' | 'notifySms'>;

/** The practitioner's channels, as they chose them. */
function toPractitioner(
  practitioner: Contact,
  message: TemplateMessage,
  requestId: string,
): NotificationRequest[] {
  const requests: NotificationRequest[] = [];
  if (practitioner.notifyEmail) {
    requests.push({ channel: 'email', recipient: practitioner.email, ...message, requestId });
  }
  if (practitioner.notifySms) {
    requests.push({ channel: 'sms', recipient: practitioner.phone, ...message, requestId });
  }
  return requests;
}

/** The patient's SMS, and an e-mail when they gave an address. */
function toPatient(
  request: OrientationRequest,
  message: TemplateMessage,
  sendAt?: Date,
): NotificationRequest[] {
  const requests: NotificationRequest[] = [
    {
      channel: 'sms',
      recipient: request.patientPhone,
      ...message,
      requestId: request.id,
      sendAt,
    },
  ];
  if (request.patientEmail && !sendAt) {
    requests.push({
      channel: 'email',
      recipient: request.patientEmail,
      ...message,
      requestId: request.id,
    });
  }
  return requests;
}

function patientSummary(request: OrientationRequest, now: Date) {
  return {
    patientFirstName: request.patientFirstName,
    patientInitial: request.patientLastName.slice(0, 1).toUpperCase(),
    patientAge: ageOn(request.patientBirthDate, now),
    reference: request.reference,
  };
}

export interface BookingFacts {
  request: OrientationRequest;
  appointment: Appointment;
  practitioner: Practitioner;
  communeName: string;
  now: Date;
  /** The GP's single-purpose sign-in link; its URL is made when the message is sent. */
  signInLinkId: string;
}

/** Who hears of an urgent booking: the patient (now, and 2 hours before), and the GP. */
export function bookingNotifications(facts: BookingFacts): NotificationRequest[] {
  const { request, appointment, practitioner, communeName, now, signInLinkId } = facts;
  const place = {
    practitionerName: `Dr ${practitioner.firstName} ${practitioner.lastName}`,
    startsAt: toParisIso(appointment.startsAt),
    address: practitioner.address,
    communeName,
    mode: appointment.mode,
    reference: request.reference,
  };
  // The patient cancels by calling the practice: the SMS and the e-mail both say how.
  const patient = {
    firstName: request.patientFirstName,
    cancelPhone: toNationalFormat(practitioner.phone),
    ...place,
  };
  const reminderAt = new Date(appointment.startsAt.getTime() - REMINDER_BEFORE_MS);
  return [
    ...toPatient(request, { template: 'patient.booked', params: patient }),
    ...(reminderAt > now
      ? toPatient(request, { template: 'patient.reminder', params: patient }, reminderAt)
      : []),
    ...toPractitioner(
      practitioner,
      {
        template: 'practitioner.booked',
        params: {
          ...patientSummary(request, now),
          reason: request.reason || undefined,
          startsAt: place.startsAt,
          mode: appointment.mode,
          signInLinkId,
        },
      },
      request.id,
    ),
  ];
}

/** The patient hears that a GP accepted to become their referring physician. */
export function assignmentNotifications(
  request: OrientationRequest,
  practitioner: Practitioner,
  communeName: string,
): NotificationRequest[] {
  return toPatient(request, {
    template: 'patient.assigned',
    params: {
      firstName: request.patientFirstName,
      practitionerName: `Dr ${practitioner.firstName} ${practitioner.lastName}`,
      address: practitioner.address,
      communeName,
    },
  });
}

/** A GP asked to see an urgent patient in surnuméraire at `startsAt`. */
export function surnumeraireAskNotifications(
  request: OrientationRequest,
  practitioner: Practitioner,
  ask: { communeName: string; startsAt: Date; expiresAt: Date; signInLinkId: string; now: Date },
): NotificationRequest[] {
  const { patientFirstName, patientInitial, patientAge } = patientSummary(request, ask.now);
  return toPractitioner(
    practitioner,
    {
      template: 'practitioner.surnumeraire_asked',
      params: {
        patientFirstName,
        patientInitial,
        patientAge,
        communeName: ask.communeName,
        startsAt: toParisIso(ask.startsAt),
        expiresAt: toParisIso(ask.expiresAt),
        signInLinkId: ask.signInLinkId,
      },
    },
    request.id,
  );
}

export function offerNotifications(
  request: OrientationRequest,
  practitioner: Practitioner,
  communeName: string,
  expiresAt: Date,
  /** The GP's single-purpose sign-in link; its URL is made when the message is sent. */
  signInLinkId: string,
  now: Date,
): NotificationRequest[] {
  const { patientFirstName, patientInitial, patientAge } = patientSummary(request, now);
  return toPractitioner(
    practitioner,
    {
      template: 'practitioner.offered',
      params: {
        patientFirstName,
        patientInitial,
        patientAge,
        communeName,
        expiresAt: toParisIso(expiresAt),
        signInLinkId,
      },
    },
    request.id,
  );
}

export function cancellationNotifications(
  request: OrientationRequest,
  appointment: Appointment,
  practitioner: Practitioner,
  signInLinkId: string,
): NotificationRequest[] {
  return toPractitioner(
    practitioner,
    {
      template: 'practitioner.cancelled',
      params: {
        startsAt: toParisIso(appointment.startsAt),
        reference: request.reference,
        signInLinkId,
      },
    },
    request.id,
  );
}

/** The coordinators' alert when a request is at risk or unmet. */
export function coordinatorAlerts(
  recipients: readonly string[],
  template: 'coordinator.escalated' | 'coordinator.unmet',
  request: OrientationRequest,
  link: string,
): NotificationRequest[] {
  return recipients.map((recipient) => ({
    channel: 'email' as const,
    recipient,
    template,
    params: {
      reference: request.reference,
      kind: request.kind,
      deadlineAt: toParisIso(request.deadlineAt),
      reasonCode: request.unmetReason ?? undefined,
      link,
    },
    requestId: request.id,
  }));
}

/**
 * INT_R03: the SAS platform is told of each change of an appointment its regulator booked (the
 * booking, then each change); nothing for other requests. Ids only: the channel builds the FHIR
 * body from the appointment at send time. One per appointment and change (its dedupe key).
 */
export function sasAppointmentNotifications(
  request: Pick<OrientationRequest, 'id' | 'sasRegulatorPersonId'>,
  appointmentId: string,
  change: SasAppointmentChange,
): NotificationRequest[] {
  if (!request.sasRegulatorPersonId) return [];
  return [
    {
      channel: 'sas',
      recipient: appointmentId,
      template: 'sas.appointment',
      params: { appointmentId, change },
      requestId: request.id,
      dedupeKey: `sas:${appointmentId}:${change}`,
    },
  ];
}

/** The filing platform's webhook, on every status change (dropped when it has no webhook). */
export function statusWebhook(request: OrientationRequest, at: Date): NotificationRequest[] {
  if (!request.createdByTokenId) return [];
  return [
    {
      channel: 'webhook',
      recipient: request.createdByTokenId,
      template: 'platform.status_changed',
      params: {
        requestId: request.id,
        reference: request.reference,
        status: request.status,
        at: toParisIso(at),
      },
      requestId: request.id,
    },
  ];
}
