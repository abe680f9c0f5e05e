import type { SmsPiece } from '../sms-fit';
import { type Renderer, type Renderers, smsDateTime } from './template-params';
import { abbreviateFirstName, initial, patientPlace, practitionerMode } from './wording';

/**
 * SMS texts: GSM-7, one segment whenever the values allow, and never health information (no
 * reason for consultation, nothing clinical), only what the recipient needs to act.
 */
function doctor(name: string): SmsPiece {
  return { variants: [name, abbreviateFirstName(name)], shrinkFirst: 4 };
}

function cancelHow(phone: string | undefined): SmsPiece {
  return phone
    ? { variants: [`. Pour annuler : ${phone}`, `. Annuler: ${phone}`], shrinkFirst: 3 }
    : { variants: ['. Empêchement ? Prévenez le cabinet', ''], shrinkFirst: 3 };
}

function appointment(
  opening: (firstName: string) => string[],
): Renderer<'patient.booked' | 'patient.reminder', SmsPiece[]> {
  return (params) => [
    { variants: opening(params.text('firstName')), shrinkFirst: 1 },
    `${smsDateTime(params.instant('startsAt'))}, `,
    doctor(params.text('practitionerName')),
    `, ${patientPlace(params.mode('mode'), params.text('address'), params.text('communeName'))}`,
    cancelHow(params.optionalText('cancelPhone')),
    { variants: [`. Réf ${params.text('reference')}`, ''], shrinkFirst: 2 },
  ];
}

export const SMS_TEMPLATES: Renderers<SmsPiece[]> = {
  'patient.booked': appointment((firstName) => [
    `${firstName}, votre RDV médecin : `,
    'Votre RDV médecin : ',
    'RDV médecin ',
  ]),
  'patient.reminder': appointment((firstName) => [
    `${firstName}, rappel de votre RDV médecin : `,
    'Rappel RDV médecin ',
    'Rappel RDV ',
  ]),
  'patient.assigned': (params) => [
    {
      variants: [`${params.text('firstName')}, bonne nouvelle : `, 'Bonne nouvelle : ', ''],
      shrinkFirst: 1,
    },
    doctor(params.text('practitionerName')),
    ' accepte de devenir votre médecin traitant. Cabinet : ',
    `${params.text('address')}, ${params.text('communeName')}`,
    { variants: ['. Appelez-le pour un 1er RDV', ''], shrinkFirst: 2 },
  ],
  'practitioner.booked': (params) => [
    { variants: ['CPTS : nouveau patient ', 'CPTS : '], shrinkFirst: 2 },
    `${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, `,
    `${params.integer('patientAge')} ans, ${smsDateTime(params.instant('startsAt'))} `,
    `${practitionerMode(params.mode('mode'))}`,
    { variants: [`. Réf ${params.text('reference')} `, '. '], shrinkFirst: 3 },
    params.text('link'),
  ],
  'practitioner.offered': (params) => [
    {
      variants: ['CPTS : accepteriez-vous comme patient ', 'CPTS, nouveau patient : ', 'CPTS : '],
      shrinkFirst: 2,
    },
    `${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, `,
    `${params.integer('patientAge')} ans`,
    { variants: [`, ${params.text('communeName')}`, ''], shrinkFirst: 1 },
    `. Réponse avant ${smsDateTime(params.instant('expiresAt'))} : ${params.text('link')}`,
  ],
  'practitioner.surnumeraire_asked': (params) => [
    {
      variants: ['CPTS : pourriez-vous voir en surnuméraire ', 'CPTS, surnuméraire : ', 'CPTS : '],
      shrinkFirst: 2,
    },
    `${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, `,
    `${params.integer('patientAge')} ans, ${smsDateTime(params.instant('startsAt'))} ?`,
    ` Réponse avant ${smsDateTime(params.instant('expiresAt'))} : ${params.text('link')}`,
  ],
  'practitioner.cancelled': (params) => [
    `CPTS : le RDV du ${smsDateTime(params.instant('startsAt'))} `,
    `(réf ${params.text('reference')}) est annulé`,
    {
      variants: ['. Le créneau est de nouveau libre : ', '. Vos créneaux : ', ' : '],
      shrinkFirst: 1,
    },
    params.text('link'),
  ],
  'practitioner.availability_stale': (params) => [
    {
      variants: [`${params.text('firstName')}, vos disponibilités CPTS`, 'Vos disponibilités CPTS'],
      shrinkFirst: 1,
    },
    ' ne sont plus à jour depuis 7 jours. ',
    { variants: ['Merci de les actualiser : ', ''], shrinkFirst: 1 },
    params.text('link'),
  ],
  'practitioner.capacity_confirm': (params) => [
    {
      variants: [`${params.text('firstName')}, la CPTS demande : `, 'CPTS : '],
      shrinkFirst: 1,
    },
    'acceptez-vous toujours de nouveaux patients ? ',
    {
      variants: [
        `Confirmez avant le ${smsDateTime(params.instant('expiresAt'))} : `,
        `Avant le ${params.instant('expiresAt').toFormat('dd/LL')} : `,
      ],
      shrinkFirst: 2,
    },
    params.text('link'),
  ],
  'practitioner.questionnaire': (params) => [
    {
      variants: [`${params.text('firstName')}, questionnaire CPTS`, 'Questionnaire CPTS'],
      shrinkFirst: 1,
    },
    ' (nouveaux patients, soins non programmés)',
    { variants: [', 2 minutes : ', ' : '], shrinkFirst: 2 },
    params.text('link'),
  ],
  'practitioner.questionnaire_reminder': (params) => [
    {
      variants: [
        `${params.text('firstName')}, rappel : questionnaire CPTS`,
        'Rappel : questionnaire CPTS',
      ],
      shrinkFirst: 1,
    },
    ' (nouveaux patients, soins non programmés) : ',
    params.text('link'),
  ],
};
