import type { ConsultationMode } from '../../common/consultation-mode';
import type { NotificationChannel } from '../notification.entity';

/** Times are RFC 3339 strings (`toParisIso`): parameters are stored as JSON. */
type Instant = string;

/**
 * A single-purpose sign-in link, carried by id: its URL is made when the message is sent
 * (LinkSigner.withLink), so that no outbox row or job holds a usable link.
 */
type SignInLinkParam = {
  signInLinkId: string;
};

type AppointmentParams = {
  firstName: string;
  practitionerName: string;
  startsAt: Instant;
  address: string;
  communeName: string;
  mode: ConsultationMode;
  reference: string;
  cancelPhone?: string;
};

/** The patient as the GP may see them: first name, initial and age, never anything clinical. */
type PatientSummaryParams = {
  patientFirstName: string;
  patientInitial: string;
  patientAge: number;
};

type GreetingParams = SignInLinkParam & {
  firstName: string;
};

type CoordinatorRequestParams = {
  reference: string;
  kind: string;
  deadlineAt: Instant;
  reasonCode?: string;
  link: string;
};

export type DigestItem = {
  reference: string;
  kind: string;
  deadlineAt: Instant;
};

type PersonLinkParams = SignInLinkParam & {
  displayName: string;
};

/**
 * Every template and the parameters its producers give: the one place both sides are checked
 * against, so that a renamed parameter fails to compile rather than in the worker. Parameters are
 * type aliases, not interfaces, so that they remain the `Record<string, unknown>` a stored row is.
 */
export interface TemplateCatalogue {
  'patient.booked': AppointmentParams;
  'patient.reminder': AppointmentParams;
  'patient.assigned': {
    firstName: string;
    practitionerName: string;
    address: string;
    communeName: string;
  };
  'practitioner.booked': PatientSummaryParams &
    SignInLinkParam & {
      reference: string;
      reason?: string;
      startsAt: Instant;
      mode: ConsultationMode;
    };
  'practitioner.offered': PatientSummaryParams &
    SignInLinkParam & { communeName: string; expiresAt: Instant };
  'practitioner.surnumeraire_asked': PatientSummaryParams &
    SignInLinkParam & { communeName: string; startsAt: Instant; expiresAt: Instant };
  'practitioner.cancelled': SignInLinkParam & { startsAt: Instant; reference: string };
  'practitioner.availability_stale': GreetingParams;
  'practitioner.capacity_confirm': GreetingParams & { expiresAt: Instant };
  'practitioner.questionnaire': GreetingParams;
  'practitioner.questionnaire_reminder': GreetingParams;
  'coordinator.escalated': CoordinatorRequestParams;
  'coordinator.unmet': CoordinatorRequestParams;
  'coordinator.notification_failed': {
    reference?: string;
    template: string;
    channel: NotificationChannel;
  };
  'coordinator.digest': { date: string; atRisk: DigestItem[]; unmet: DigestItem[]; link: string };
  'platform.status_changed': { requestId: string; reference: string; status: string; at: Instant };
  'person.sign_in_link': PersonLinkParams;
  'person.invitation': PersonLinkParams;
  /** INT_R03 (channel `sas`): ids only, the FHIR body is built from the appointment at send time. */
  'sas.appointment': { appointmentId: string; change: SasAppointmentChange };
}

/** A change INT_R03 reports: the booking (POST), then each change (conditional PUT). */
export type SasAppointmentChange = 'created' | 'cancelled' | 'honoured' | 'no_show';

export type TemplateName = keyof TemplateCatalogue;

/** The parameters as a template reads them at send time: a sign-in link id has become its URL. */
export type RenderedParams<K extends TemplateName> = TemplateCatalogue[K] extends SignInLinkParam
  ? Omit<TemplateCatalogue[K], 'signInLinkId'> & { link: string }
  : TemplateCatalogue[K];

/** A template and its parameters; with a union of names, one of them and its own parameters. */
export type TemplateMessage<K extends TemplateName = TemplateName> = {
  [T in K]: { template: T; params: TemplateCatalogue[T] };
}[K];
