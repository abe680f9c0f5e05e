import type { ConsultationMode } from '../../common/consultation-mode';
import { PractitionerSummary } from '../../orientation/requests/dto/request.view';

export class SasSlot {
  id!: string;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
}

/** The GP of a SAS booking link and their free slots, nearest first. */
export class SasPractitionerSlots {
  practitioner!: PractitionerSummary;
  items!: SasSlot[];
}
