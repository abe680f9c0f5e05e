/** French wording shown to people, in one place: modes, priority flags, statuses, history. */

export const KIND_LABELS = {
  urgent: 'Soins non programmés',
  referring_physician: 'Médecin traitant',
};

export const STATUS_LABELS = {
  pending: 'En attente',
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
};

export const HISTORY_LABELS = {
  created: 'Demande déposée',
  offered: 'Proposée à un médecin',
  offer_declined: 'Proposition refusée',
  offer_expired: 'Proposition expirée',
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
