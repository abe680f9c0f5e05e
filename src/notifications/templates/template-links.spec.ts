import { renderMessage, templateSupports } from './render-message';
import { TEMPLATE_NAMES } from './template-name';

/** Every parameter any template reads, as the service fills them (links from LinkSigner.url). */
const EVERY_PARAM = {
  firstName: 'Hélène',
  displayName: 'Dr Anne Martin',
  practitionerName: 'Dr Paul Le Gall',
  patientFirstName: 'Hélène',
  patientInitial: 'M.',
  patientAge: 34,
  address: '3 rue du Port',
  communeName: 'Auray',
  startsAt: '2026-03-29T12:30:00Z',
  expiresAt: '2026-03-29T20:30:00Z',
  deadlineAt: '2026-03-30T12:30:00Z',
  at: '2026-03-29T12:30:00Z',
  mode: 'in_person',
  reference: 'SNP-2026-000001',
  reason: 'Fièvre',
  reasonCode: 'no_slot',
  kind: 'urgent',
  cancelPhone: '02 97 00 00 00',
  date: '29/03/2026',
  atRisk: [{ reference: 'A-1', kind: 'urgent', deadlineAt: '2026-03-29T16:00:00Z' }],
  unmet: [],
  template: 'patient.booked',
  channel: 'sms',
  requestId: 'r1',
  status: 'booked',
  link: 'https://cpts.example/auth/link/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4',
};

describe('message templates', () => {
  const rendered = TEMPLATE_NAMES.flatMap((template) =>
    (['sms', 'email', 'webhook', 'sas'] as const)
      .filter((channel) => templateSupports(template, channel))
      .map((channel) => ({
        template,
        channel,
        text: JSON.stringify(renderMessage(channel, template, EVERY_PARAM)),
      })),
  );

  it('renders every template on every channel it has', () => {
    expect(new Set(rendered.map((message) => message.template))).toEqual(new Set(TEMPLATE_NAMES));
  });

  it('never sends anyone to a raw API URL', () => {
    expect(rendered.filter((message) => message.text.includes('/api/v1'))).toEqual([]);
  });
});
