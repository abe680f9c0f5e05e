import type { DigestItem } from './template-catalogue';
import {
  longDateTime,
  type Renderer,
  type Renderers,
  type TemplateParams,
} from './template-params';
import { initial, patientPlace, practitionerMode, requestKind } from './wording';

export interface EmailContent {
  subject: string;
  text: string;
}

const SIGNATURE = '\n\nLa coordination de la CPTS';

function lines(...parts: Array<string | undefined | false>): string {
  return parts.filter((part) => typeof part === 'string').join('\n') + SIGNATURE;
}

function patientAppointment(
  subject: string,
  opening: string,
): Renderer<'patient.booked' | 'patient.reminder', EmailContent> {
  return (params) => {
    const at = longDateTime(params.instant('startsAt'));
    const mode = params.mode('mode');
    const phone = params.optionalText('cancelPhone');
    return {
      subject: `${subject} le ${at}`,
      text: lines(
        `Bonjour ${params.text('firstName')},`,
        '',
        opening,
        `- le ${at}`,
        `- avec ${params.text('practitionerName')}`,
        `- ${mode === 'in_person' ? 'au cabinet : ' : ''}${patientPlace(mode, params.text('address'), params.text('communeName'))}`,
        `- référence : ${params.text('reference')}`,
        '',
        phone
          ? `En cas d'empêchement, appelez le ${phone} pour annuler : le créneau profitera à un autre patient.`
          : "En cas d'empêchement, prévenez le cabinet : le créneau profitera à un autre patient.",
      ),
    };
  };
}

function coordinatorRequest(
  subject: string,
  what: string,
): Renderer<'coordinator.escalated' | 'coordinator.unmet', EmailContent> {
  return (params) => {
    const reference = params.text('reference');
    const reasonCode = params.optionalText('reasonCode');
    return {
      subject: `[CPTS] ${subject} : demande ${reference}`,
      text: lines(
        `La demande ${reference} (${requestKind(params.text('kind'))}) ${what}.`,
        `Échéance : ${longDateTime(params.instant('deadlineAt'))}.`,
        reasonCode && `Motif : ${reasonCode}.`,
        '',
        `Voir la demande : ${params.text('link')}`,
      ),
    };
  };
}

function digestSection(title: string, items: Array<TemplateParams<DigestItem>>): string[] {
  if (items.length === 0) return [];
  return [
    `${title} (${items.length}) :`,
    ...items.map(
      (item) =>
        `- ${item.text('reference')} (${requestKind(item.text('kind'))}), échéance ${longDateTime(item.instant('deadlineAt'))}`,
    ),
    '',
  ];
}

export const EMAIL_TEMPLATES: Renderers<EmailContent> = {
  'patient.booked': patientAppointment(
    'Votre rendez-vous médical',
    'Votre rendez-vous médical est confirmé :',
  ),
  'patient.reminder': patientAppointment(
    'Rappel : rendez-vous médical',
    'Nous vous rappelons votre rendez-vous médical :',
  ),
  'patient.assigned': (params) => ({
    subject: 'Vous avez un médecin traitant',
    text: lines(
      `Bonjour ${params.text('firstName')},`,
      '',
      `${params.text('practitionerName')} accepte de devenir votre médecin traitant.`,
      `Cabinet : ${params.text('address')}, ${params.text('communeName')}.`,
      '',
      'Appelez le cabinet pour prendre un premier rendez-vous ; lors de cette consultation, vous',
      'pourrez faire ensemble la déclaration de médecin traitant.',
    ),
  }),
  'practitioner.booked': (params) => {
    const at = longDateTime(params.instant('startsAt'));
    const reason = params.optionalText('reason');
    return {
      subject: `[CPTS] Nouveau patient le ${at}`,
      text: lines(
        'Bonjour,',
        '',
        'La CPTS a réservé un de vos créneaux de soins non programmés :',
        `- patient : ${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, ${params.integer('patientAge')} ans`,
        `- le ${at}, ${practitionerMode(params.mode('mode'))}`,
        reason && `- motif indiqué : ${reason}`,
        `- référence : ${params.text('reference')}`,
        '',
        `Vos patients et vos créneaux : ${params.text('link')}`,
      ),
    };
  },
  'practitioner.offered': (params) => {
    const expires = longDateTime(params.instant('expiresAt'));
    return {
      subject: '[CPTS] Un patient cherche un médecin traitant',
      text: lines(
        'Bonjour,',
        '',
        'Un patient sans médecin traitant de votre secteur vous est proposé :',
        `- ${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, ${params.integer('patientAge')} ans, ${params.text('communeName')}`,
        '',
        `Merci de répondre avant le ${expires} : ${params.text('link')}`,
        'Sans réponse, la proposition passera à un autre médecin.',
      ),
    };
  },
  'practitioner.surnumeraire_asked': (params) => {
    const at = longDateTime(params.instant('startsAt'));
    return {
      subject: `[CPTS] Un patient à voir en surnuméraire le ${at} ?`,
      text: lines(
        'Bonjour,',
        '',
        'La plateforme de la CPTS cherche un médecin pour un patient sans rendez-vous possible :',
        `- ${params.text('patientFirstName')} ${initial(params.text('patientInitial'))}, ${params.integer('patientAge')} ans, ${params.text('communeName')}`,
        `- pourriez-vous le recevoir en surnuméraire le ${at} ?`,
        '',
        `Merci de répondre avant le ${longDateTime(params.instant('expiresAt'))} : ${params.text('link')}`,
      ),
    };
  },
  'practitioner.cancelled': (params) => {
    const at = longDateTime(params.instant('startsAt'));
    return {
      subject: `[CPTS] Rendez-vous du ${at} annulé`,
      text: lines(
        'Bonjour,',
        '',
        `Le rendez-vous du ${at} (référence ${params.text('reference')}) est annulé.`,
        'Le créneau est de nouveau libre et peut être proposé à un autre patient.',
        '',
        `Vos créneaux : ${params.text('link')}`,
      ),
    };
  },
  'practitioner.availability_stale': (params) => ({
    subject: '[CPTS] Vos disponibilités sont à mettre à jour',
    text: lines(
      `Bonjour ${params.text('firstName')},`,
      '',
      "Vos créneaux et vos places pour de nouveaux patients n'ont pas été mis à jour depuis plus de",
      '7 jours. Des disponibilités à jour évitent aux patients des appels inutiles.',
      '',
      `Les actualiser : ${params.text('link')}`,
    ),
  }),
  'practitioner.capacity_confirm': (params) => {
    const expires = longDateTime(params.instant('expiresAt'));
    return {
      subject: '[CPTS] Acceptez-vous toujours de nouveaux patients ?',
      text: lines(
        `Bonjour ${params.text('firstName')},`,
        '',
        'Vous avez indiqué à la CPTS que vous acceptez de nouveaux patients comme médecin traitant.',
        `Sans confirmation de votre part, cette déclaration ne sera plus prise en compte le ${expires} :`,
        'la CPTS ne vous proposera plus de patient.',
        '',
        `Si elle est toujours valable, un seul geste suffit : ${params.text('link')}`,
        'Vous pourrez aussi y modifier le nombre de places.',
      ),
    };
  },
  'practitioner.questionnaire': (params) => ({
    subject: '[CPTS] Vos disponibilités : questionnaire médecin traitant et soins non programmés',
    text: lines(
      `Bonjour ${params.text('firstName')},`,
      '',
      'La CPTS fait le point sur les disponibilités des médecins du territoire : prenez-vous de',
      'nouveaux patients comme médecin traitant, participez-vous aux soins non programmés, et sur',
      'quels créneaux ?',
      '',
      `Le questionnaire prend deux minutes et préremplit ce que vous nous avez déjà dit : ${params.text('link')}`,
      '',
      'Vos réponses mettent à jour votre fiche : vous pourrez les modifier à tout moment.',
    ),
  }),
  'practitioner.questionnaire_reminder': (params) => ({
    subject: '[CPTS] Rappel : questionnaire sur vos disponibilités',
    text: lines(
      `Bonjour ${params.text('firstName')},`,
      '',
      "Vous n'avez pas encore répondu au questionnaire de la CPTS sur vos disponibilités (nouveaux",
      'patients comme médecin traitant, soins non programmés). Deux minutes suffisent :',
      params.text('link'),
    ),
  }),
  'coordinator.escalated': coordinatorRequest(
    'À traiter',
    "n'a encore trouvé ni rendez-vous ni médecin et approche de son échéance",
  ),
  'coordinator.unmet': coordinatorRequest(
    'Non satisfaite',
    'a atteint son échéance sans rendez-vous ni médecin',
  ),
  'coordinator.notification_failed': (params) => {
    const reference = params.optionalText('reference');
    return {
      subject: `[CPTS] Échec d'envoi d'une notification${reference ? ` (demande ${reference})` : ''}`,
      text: lines(
        `Le message « ${params.text('template')} » (${params.text('channel')})${reference ? ` de la demande ${reference}` : ''}`,
        "n'a pas pu être remis malgré toutes les tentatives.",
        'Prévenez son destinataire par un autre moyen.',
      ),
    };
  },
  'coordinator.digest': (params) => ({
    subject: `[CPTS] Demandes à suivre du ${params.text('date')}`,
    text: lines(
      'Bonjour,',
      '',
      ...digestSection('À risque', params.list('atRisk')),
      ...digestSection('Non satisfaites', params.list('unmet')),
      `Tableau de bord : ${params.text('link')}`,
    ),
  }),
  'person.sign_in_link': (params) => ({
    subject: '[CPTS] Votre lien de connexion',
    text: lines(
      `Bonjour ${params.text('displayName')},`,
      '',
      'Pour vous connecter, ouvrez ce lien (valable 15 minutes, une seule fois) :',
      params.text('link'),
      '',
      "Si vous n'avez pas demandé à vous connecter, ignorez ce message : personne ne peut utiliser",
      'ce lien sans accéder à votre messagerie.',
    ),
  }),
  'person.invitation': (params) => ({
    subject: '[CPTS] Votre accès au service de la CPTS',
    text: lines(
      `Bonjour ${params.text('displayName')},`,
      '',
      'Un accès au service de la CPTS vient de vous être ouvert. Pour vous connecter la première',
      'fois, ouvrez ce lien (valable 7 jours, une seule fois) :',
      params.text('link'),
      '',
      'Ensuite, connectez-vous avec Pro Santé Connect ou en demandant un lien par e-mail.',
    ),
  }),
};
