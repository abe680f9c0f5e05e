import { renderMessage, templateSupports } from './render-message';
import { TemplateError } from './template-params';

const booked = {
  firstName: 'Hélène',
  practitionerName: 'Dr Paul Le Gall',
  address: '3 rue du Port',
  communeName: 'Auray',
  startsAt: '2025-07-01T12:30:00Z',
  mode: 'in_person',
  reference: 'SNP-2025-000001',
};

describe('renderMessage', () => {
  it('writes e-mails in French with the time in Europe/Paris', () => {
    const message = renderMessage('email', 'patient.booked', booked);
    expect(message).toMatchObject({
      channel: 'email',
      subject: 'Votre rendez-vous médical le mardi 1 juillet 2025 à 14h30',
    });
    expect(message.channel === 'email' && message.text).toContain(
      'au cabinet : 3 rue du Port, Auray',
    );
  });

  it('gives the practitioner the reason by e-mail', () => {
    const message = renderMessage('email', 'practitioner.booked', {
      patientFirstName: 'Hélène',
      patientInitial: 'M.',
      patientAge: 34,
      reason: 'Renouvellement',
      startsAt: '2025-01-15T08:00:00Z',
      mode: 'teleconsultation',
      reference: 'SNP-2025-000001',
      link: 'https://cpts.example/auth/link/abc',
    });
    expect(message.channel === 'email' && message.text).toContain(
      '- patient : Hélène M., 34 ans\n- le mercredi 15 janvier 2025 à 09h00, en téléconsultation\n- motif indiqué : Renouvellement',
    );
  });

  it('lists at-risk and unmet requests in the digest', () => {
    const message = renderMessage('email', 'coordinator.digest', {
      date: '14/05/2025',
      atRisk: [{ reference: 'A-1', kind: 'urgent', deadlineAt: '2025-05-14T16:00:00Z' }],
      unmet: [],
      link: 'https://cpts.example/dashboard',
    });
    expect(message.channel === 'email' && message.text).toContain(
      'À risque (1) :\n- A-1 (soins non programmés), échéance mercredi 14 mai 2025 à 18h00',
    );
  });

  it('builds the platform webhook body', () => {
    expect(
      renderMessage('webhook', 'platform.status_changed', {
        requestId: 'r1',
        reference: 'SNP-1',
        status: 'booked',
        at: '2025-05-14T18:00:00+02:00',
      }),
    ).toEqual({
      channel: 'webhook',
      event: 'request.status_changed',
      body: {
        event: 'request.status_changed',
        requestId: 'r1',
        reference: 'SNP-1',
        status: 'booked',
        at: '2025-05-14T16:00:00.000Z',
      },
    });
  });

  it('refuses missing parameters and channels a template does not have', () => {
    expect(() => renderMessage('sms', 'patient.booked', { ...booked, address: '' })).toThrow(
      new TemplateError('template patient.booked: parameter address must be a string'),
    );
    expect(() => renderMessage('sms', 'coordinator.unmet', {})).toThrow(TemplateError);
    expect(templateSupports('coordinator.unmet', 'email')).toBe(true);
    expect(templateSupports('coordinator.unmet', 'sms')).toBe(false);
    expect(templateSupports('nonsense', 'email')).toBe(false);
  });
});
