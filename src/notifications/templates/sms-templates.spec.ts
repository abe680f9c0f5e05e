import { smsSize } from '../gsm7';
import { renderMessage } from './render-message';
import { SMS_TEMPLATES } from './sms-templates';
import type { TemplateName } from './template-name';

/** The longest values a template meets in the territory, accents included. */
const LONG = {
  firstName: 'Marie-Bénédicte',
  practitionerName: 'Dr Anne-Sophie Le Guennec-Kerhervé',
  address: '12 bis avenue du Maréchal de Lattre de Tassigny',
  communeName: "Sainte-Anne-d'Auray",
  startsAt: '2025-12-24T15:30:00+01:00',
  mode: 'in_person',
  reference: 'SNP-2025-004817',
  cancelPhone: '02 97 24 00 00',
  patientFirstName: 'Marie-Bénédicte',
  patientInitial: 'L.',
  patientAge: 103,
  reason: 'Fièvre et toux depuis trois jours chez une patiente diabétique',
  expiresAt: '2025-12-24T18:00:00+01:00',
  link: 'https://cpts-pays-auray.fr/o/3f1c2a9e-7b4d-4e8a-9c1f-2d3e4f5a6b7c',
};

const smsTemplates = Object.keys(SMS_TEMPLATES) as TemplateName[];

function sms(template: TemplateName, values: Record<string, unknown> = LONG): string {
  const message = renderMessage('sms', template, values);
  if (message.channel !== 'sms') throw new Error('not an SMS');
  return message.text;
}

describe('SMS templates filled with long realistic values', () => {
  it.each(smsTemplates)('%s fits one 160-character GSM-7 segment', (template) => {
    const text = sms(template);
    expect(smsSize(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it.each(['teleconsultation', 'home_visit'])('patient.booked fits one segment for %s', (mode) => {
    expect(smsSize(sms('patient.booked', { ...LONG, mode })).segments).toBe(1);
  });

  it.each([
    'practitioner.booked',
    'practitioner.cancelled',
    'practitioner.availability_stale',
    'practitioner.capacity_confirm',
    'practitioner.questionnaire',
    'practitioner.questionnaire_reminder',
  ] as const)('%s fits one segment with a real sign-in link', (template) => {
    const link = `https://cpts-pays-auray.fr/auth/link/${'x'.repeat(43)}`;
    const text = sms(template, { ...LONG, link });
    expect(text).toContain(link);
    expect(smsSize(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('never carry the reason for consultation', () => {
    for (const template of smsTemplates) expect(sms(template)).not.toMatch(/Fi.vre|diab/i);
  });

  it('keep what the patient needs: day, time, practitioner, address and how to cancel', () => {
    const text = sms('patient.booked');
    expect(text).toContain('mer 24/12 à 15h30');
    expect(text).toContain('Le Guennec-Kerhervé');
    expect(text).toContain('12 bis avenue du Maréchal de Lattre de Tassigny');
    expect(text).toContain("Sainte-Anne-d'Auray");
    expect(text).toContain('02 97 24 00 00');
  });

  it('give everything with short values', () => {
    const text = sms('patient.booked', {
      ...LONG,
      firstName: 'Léa',
      practitionerName: 'Dr Paul Le Gall',
      address: '3 rue du Port',
      communeName: 'Auray',
    });
    expect(text).toBe(
      'Léa, votre RDV médecin : mer 24/12 à 15h30, Dr Paul Le Gall, 3 rue du Port, Auray. ' +
        'Pour annuler : 02 97 24 00 00. Réf SNP-2025-004817',
    );
  });

  it('keep the address whole, in two segments, when nothing else can give way', () => {
    const address = `Résidence des Hortensias, bâtiment C, escalier 4, ${LONG.address}`;
    const text = sms('patient.booked', { ...LONG, address });
    expect(text).toContain('Résidence des Hortensias, batiment C, escalier 4');
    expect(smsSize(text).segments).toBe(2);
  });
});
