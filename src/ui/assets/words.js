/** French wording shown to people, in one place: modes, priority flags, statuses, history. */

export const KIND_LABELS = {
  urgent: 'Soins non programmés',
  referring_physician: 'Médecin traitant',
};

export const STATUS_LABELS = {
  pending: 'En attente',
  held: 'Créneau proposé au patient',
  offered: 'Proposée à un médecin',
  booked: 'Rendez-vous fixé',
  assigned: 'Médecin traitant trouvé',
  unmet: 'Non satisfaite',
  redirected: 'Réorientée',
  cancelled: 'Annulée',
};

export const UNMET_REASON_LABELS = {
  no_slot_in_territory: 'Aucun créneau dans le territoire',
  no_slot_for_mode: 'Aucun créneau dans un mode accepté',
  no_slot_before_deadline: "Créneaux tous pris avant l'échéance",
  caps_reached: 'Plafonds hebdomadaires des médecins atteints',
  no_practitioner_accepting: "Aucun médecin n'accepte de nouveaux patients",
  no_practitioner_answered: "Aucun médecin n'a accepté à temps",
  unknown: 'Motif non renseigné',
};

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
