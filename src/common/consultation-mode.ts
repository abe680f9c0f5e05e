export const CONSULTATION_MODES = ['in_person', 'teleconsultation', 'home_visit'] as const;
export type ConsultationMode = (typeof CONSULTATION_MODES)[number];
