import { CapacityEventPayload, SlotEventPayload } from './dto/availability-event.view';

export { CapacityEventPayload, SlotEventPayload };

export interface AvailabilityEventPayloads {
  'slot.published': SlotEventPayload;
  'slot.booked': SlotEventPayload;
  /** Set aside for a patient on the phone: gone from the live table until booked or released. */
  'slot.held': SlotEventPayload;
  'slot.released': SlotEventPayload;
  'slot.removed': SlotEventPayload;
  'capacity.updated': CapacityEventPayload;
}

export type AvailabilityEventType = keyof AvailabilityEventPayloads;

/** An event as the stream sends it. */
export interface StreamEvent {
  id: string;
  cptsId: string;
  type: string;
  payload: unknown;
}
