import type { ConsultationMode } from '../../common/consultation-mode';

/** `Dr Anne-Sophie Le Guennec` → `Dr A. Le Guennec`: the first given name gives way first. */
export function abbreviateFirstName(practitionerName: string): string {
  const words = practitionerName.trim().split(/\s+/);
  const titled = /^(dr\.?|docteure?|pr\.?)$/i.test(words[0] ?? '');
  const at = titled ? 1 : 0;
  if (words.length - at < 2) return practitionerName.trim();
  words[at] = `${[...words[at]][0]}.`;
  return words.join(' ');
}

/** Where the consultation takes place, for the patient. */
export function patientPlace(mode: ConsultationMode, address: string, communeName: string): string {
  switch (mode) {
    case 'in_person':
      return `${address}, ${communeName}`;
    case 'teleconsultation':
      return 'en téléconsultation';
    case 'home_visit':
      return 'à votre domicile';
  }
}

/** How the consultation takes place, for the practitioner. */
export function practitionerMode(mode: ConsultationMode): string {
  switch (mode) {
    case 'in_person':
      return 'au cabinet';
    case 'teleconsultation':
      return 'en téléconsultation';
    case 'home_visit':
      return 'visite à domicile';
  }
}

export function requestKind(kind: string): string {
  if (kind === 'urgent') return 'soins non programmés';
  if (kind === 'referring_physician') return 'recherche de médecin traitant';
  return kind;
}

/** `L` or `L.` → `L.`. */
export function initial(value: string): string {
  return `${value.replace(/\.$/, '')}.`;
}
