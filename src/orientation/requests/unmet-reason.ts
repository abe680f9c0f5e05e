import type { RequestKind, UnmetReason } from '../../common/request-status';

/** What the territory offered during the request's window, counted when the deadline passes. */
export interface WindowSupply {
  /** Free urgent slots in the window, any mode, any practitioner. */
  slots: number;
  /** ... of those, in a mode the patient accepts. */
  slotsInMode: number;
  /** ... of those, at a practitioner under the weekly cap. */
  slotsUnderCap: number;
  /** Practitioners accepting new patients with a place, for referring-physician requests. */
  acceptingPractitioners: number;
}

/** The reason code recorded on a request that reached its deadline unmet. */
export function unmetReason(kind: RequestKind, supply: WindowSupply): UnmetReason {
  if (kind === 'referring_physician') {
    return supply.acceptingPractitioners === 0
      ? 'no_practitioner_accepting'
      : 'no_practitioner_answered';
  }
  if (supply.slots === 0) return 'no_slot_in_territory';
  if (supply.slotsInMode === 0) return 'no_slot_for_mode';
  if (supply.slotsUnderCap === 0) return 'caps_reached';
  return 'no_slot_before_deadline';
}
