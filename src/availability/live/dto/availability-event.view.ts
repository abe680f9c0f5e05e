import type { ConsultationMode } from '../../../common/consultation-mode';

/** The data of a `slot.*` event: ids and Paris times, never anything about a patient. */
export class SlotEventPayload {
  slotId!: string;
  practitionerId!: string;
  startsAt!: string;
  endsAt!: string;
  mode!: ConsultationMode;
}

/** The data of a `capacity.updated` event. */
export class CapacityEventPayload {
  practitionerId!: string;
  accepting!: boolean;
  openPlaces!: number;
  updatedAt!: string;
}
