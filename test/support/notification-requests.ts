import type { NotificationRequest } from '../../src/notifications/notifications.service';

/** What the patient's booking SMS says, as the orientation fills it. */
export const BOOKED = {
  firstName: 'Hélène',
  practitionerName: 'Dr Paul Le Gall',
  startsAt: '2030-01-07T09:00:00+01:00',
  address: '3 rue du Port',
  communeName: 'Auray',
  mode: 'in_person' as const,
  reference: 'SNP-2030-000001',
};

/** The n-th patient's booking SMS (ten phone numbers in turn). */
export function bookedSms(n: number): NotificationRequest<'patient.booked'> {
  return {
    channel: 'sms',
    recipient: `+3361234567${n % 10}`,
    template: 'patient.booked',
    params: BOOKED,
  };
}
