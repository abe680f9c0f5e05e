import type { ConsultationMode } from '../../common/consultation-mode';
import { toParisIso } from '../../common/paris-time';
import type { SlotEventPayload } from '../live/availability-event-types';
import { SlotView } from './dto/slot.view';
import type { SlotStatus } from './slot.entity';

/** A slot row as the slot queries select it. */
export interface SlotRow {
  id: string;
  practitionerId: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  status: SlotStatus;
}

export { SlotView };

export const SLOT_COLUMNS = `id, practitioner_id AS "practitionerId", starts_at AS "startsAt",
  ends_at AS "endsAt", mode, status`;

export function renderSlot(row: SlotRow): SlotView {
  return {
    id: row.id,
    practitionerId: row.practitionerId,
    startsAt: toParisIso(row.startsAt),
    endsAt: toParisIso(row.endsAt),
    mode: row.mode,
    status: row.status,
  };
}

export function slotEventPayload(row: Omit<SlotRow, 'status'>): SlotEventPayload {
  return {
    slotId: row.id,
    practitionerId: row.practitionerId,
    startsAt: toParisIso(row.startsAt),
    endsAt: toParisIso(row.endsAt),
    mode: row.mode,
  };
}
