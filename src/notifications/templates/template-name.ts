import type { TemplateName } from './template-catalogue';

export type { TemplateName } from './template-catalogue';

export const TEMPLATE_NAMES = [
  'patient.booked',
  'patient.reminder',
  'patient.assigned',
  'practitioner.booked',
  'practitioner.offered',
  'practitioner.surnumeraire_asked',
  'practitioner.cancelled',
  'practitioner.availability_stale',
  'practitioner.capacity_confirm',
  'practitioner.questionnaire',
  'practitioner.questionnaire_reminder',
  'coordinator.escalated',
  'coordinator.unmet',
  'coordinator.notification_failed',
  'coordinator.digest',
  'platform.status_changed',
  'person.sign_in_link',
  'person.invitation',
  'sas.appointment',
] as const satisfies readonly TemplateName[];
