import type { RequestKind, RequestStatus, UnmetReason } from './request-status';

/*
 * The French wording of a request's kind, status and unmet reason: the CSV export reads it here,
 * the pages from /ui/request-labels.js, which the server writes from it.
 */

export const KIND_LABELS: Record<RequestKind, string> = {
  urgent: 'Soins non programmés',
  referring_physician: 'Médecin traitant',
};

export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: 'En attente',
  held: 'Créneau proposé au patient',
  offered: 'Proposée à un médecin',
  booked: 'Rendez-vous fixé',
  assigned: 'Médecin traitant trouvé',
  unmet: 'Non satisfaite',
  redirected: 'Réorientée',
  cancelled: 'Annulée',
};

export const UNMET_REASON_LABELS: Record<UnmetReason | 'unknown', string> = {
  no_slot_in_territory: 'Aucun créneau dans le territoire',
  no_slot_for_mode: 'Aucun créneau dans un mode accepté',
  no_slot_before_deadline: "Créneaux tous pris avant l'échéance",
  caps_reached: 'Plafonds hebdomadaires des médecins atteints',
  no_practitioner_accepting: "Aucun médecin n'accepte de nouveaux patients",
  no_practitioner_answered: "Aucun médecin n'a accepté à temps",
  unknown: 'Motif non renseigné',
};

/** These labels as the browser module `/ui/words.js` re-exports. */
export function requestLabelsModule(): string {
  return Object.entries({ KIND_LABELS, STATUS_LABELS, UNMET_REASON_LABELS })
    .map(([name, labels]) => `export const ${name} = ${JSON.stringify(labels)};\n`)
    .join('');
}
