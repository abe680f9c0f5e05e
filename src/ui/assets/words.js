/**
 * French wording shown to people, in one place: modes, priority flags, statuses, history. A
 * request's kind, status and unmet reason the server writes (from common/request-labels.ts),
 * since its CSV export says them too.
 */

export { KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS } from './request-labels.js';

export const MODE_LABELS = {
  in_person: 'cabinet',
  teleconsultation: 'téléconsultation',
  home_visit: 'visite à domicile',
};

export const REDIRECT_LABELS = {
  mmg: 'Maison médicale de garde',
  emergency: 'Urgences',
  teleconsultation: 'Téléconsultation',
  other: 'Autre ressource',
  samu: 'Transfert au 15 (SAMU)',
};

export const HISTORY_LABELS = {
  created: 'Demande déposée',
  held: 'Créneau retenu, proposé au patient',
  hold_released: 'Créneau proposé rendu',
  hold_expired: 'Créneau proposé expiré',
  offered: 'Proposée à un médecin',
  offer_declined: 'Proposition refusée',
  offer_expired: 'Proposition expirée',
  nobody_left_to_ask: 'Aucun autre médecin à solliciter pour l’instant',
  booked: 'Rendez-vous fixé',
  assigned: 'Médecin traitant attribué',
  escalated: 'Alerte coordination',
  unmet: 'Échéance dépassée',
  redirected: 'Réorientée',
  cancelled: 'Annulée',
  outcome: 'Issue du rendez-vous',
};

export const FLAG_LABELS = {
  ald: 'ALD',
  age_70_plus: '70 ans et plus',
  c2s: 'C2S',
  isolated: 'isolé(e)',
};

export const OUTCOME_LABELS = {
  honoured: 'Venu',
  no_show: 'Pas venu',
};

/** ISO weekday (1 = lundi) to its French name. */
export const WEEKDAY_LABELS = [
  '',
  'lundi',
  'mardi',
  'mercredi',
  'jeudi',
  'vendredi',
  'samedi',
  'dimanche',
];

const FIELD_LABELS = {
  startsAt: 'l’heure de début',
  endsAt: 'l’heure de fin',
  from: 'la date de début',
  to: 'la date de fin',
  startTime: 'l’heure de début',
  endTime: 'l’heure de fin',
  slotMinutes: 'la durée',
  openPlaces: 'le nombre de places',
  ageMin: 'l’âge minimum',
  ageMax: 'l’âge maximum',
};

/** What went wrong, in French, from an API error's status (the API's own words are English). */
export function problemText(status, problem = {}) {
  if (status === 400) {
    const fields = (problem.errors ?? []).map(
      (error) => FIELD_LABELS[error.field.split('.').pop()] ?? error.field,
    );
    return fields.length > 0
      ? `vérifiez ${[...new Set(fields)].join(', ')}.`
      : 'une valeur n’est pas acceptée.';
  }
  if (status === 403) return 'cette action ne vous est pas ouverte.';
  if (status === 404) return 'introuvable ; rechargez la page.';
  if (status === 409)
    return 'cela chevauche un autre créneau, ou la situation a changé ; rechargez la page.';
  if (status === 429) return 'trop de demandes ; réessayez dans un instant.';
  return 'le service ne répond pas ; réessayez dans un instant.';
}
