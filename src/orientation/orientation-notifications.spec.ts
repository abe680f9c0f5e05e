import type { Practitioner } from '../availability/practitioners/practitioner.entity';
import { smsSize } from '../notifications/gsm7';
import { renderMessage } from '../notifications/templates/render-message';
import { bookingNotifications } from './orientation-notifications';
import type { OrientationRequest } from './requests/orientation-request.entity';
import type { Appointment } from './urgent/appointment.entity';

const request = {
  id: '5b0f3c1e-2a4d-4e6f-8a9b-0c1d2e3f4a5b',
  reference: 'SNP-2026-004817',
  patientFirstName: 'Marie-Bénédicte',
  patientLastName: 'Le Floc’h',
  patientBirthDate: '1931-02-11',
  patientPhone: '+33612345678',
  patientEmail: null,
  reason: 'Fièvre et toux depuis trois jours',
} as unknown as OrientationRequest;

const practitioner = {
  firstName: 'Anne-Sophie',
  lastName: 'Le Guennec-Kerhervé',
  address: '12 bis avenue du Maréchal de Lattre de Tassigny',
  phone: '+33297240000',
  email: 'cabinet@example.org',
  notifyEmail: true,
  notifySms: false,
} as unknown as Practitioner;

const appointment = {
  startsAt: new Date('2026-12-24T14:30:00Z'),
  mode: 'in_person',
} as unknown as Appointment;

describe('bookingNotifications', () => {
  const now = new Date('2026-12-24T08:00:00Z');
  const notifications = bookingNotifications({
    request,
    appointment,
    practitioner,
    communeName: "Sainte-Anne-d'Auray",
    now,
    signInLinkId: '0d6f3c1e-2b7a-4c55-9f1e-8a1b2c3d4e5f',
  });

  it('tells the patient how to cancel: the practice phone, in one GSM-7 segment', () => {
    const booked = notifications.find((n) => n.template === 'patient.booked');
    const message = renderMessage('sms', 'patient.booked', booked!.params);
    if (message.channel !== 'sms') throw new Error('not an SMS');
    expect(message.text).toMatch(/(Pour annuler :|Annuler:) 02 97 24 00 00/);
    expect(message.text).toContain('15h30');
    expect(message.text).not.toMatch(/Fi.vre/);
    expect(smsSize(message.text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('reminds the patient 2 hours before, and tells the GP by e-mail as they chose', () => {
    const reminder = notifications.find((n) => n.template === 'patient.reminder');
    expect(reminder?.sendAt).toEqual(new Date('2026-12-24T12:30:00Z'));
    expect(notifications.filter((n) => n.template === 'practitioner.booked')).toEqual([
      expect.objectContaining({ channel: 'email', recipient: 'cabinet@example.org' }),
    ]);
  });
});
