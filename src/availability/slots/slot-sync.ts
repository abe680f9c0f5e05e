import type { SlotTimes } from './slot-rules';

export interface ExistingSlot extends SlotTimes {
  id: string;
}

export interface SlotSyncPlan<E extends ExistingSlot> {
  create: SlotTimes[];
  remove: E[];
  keep: E[];
}

function key(slot: SlotTimes): string {
  return `${slot.startsAt.getTime()}/${slot.endsAt.getTime()}/${slot.mode}`;
}

/**
 * What turns the free slots of a window into the wanted list: a slot identical in start, end and
 * mode is kept (its id, and any link to it, survive a repeated push); anything else is replaced.
 */
export function planSlotSync<E extends ExistingSlot>(
  existingFree: readonly E[],
  wanted: readonly SlotTimes[],
): SlotSyncPlan<E> {
  const wantedKeys = new Set(wanted.map(key));
  const existingKeys = new Set(existingFree.map(key));
  return {
    create: wanted.filter((slot) => !existingKeys.has(key(slot))),
    remove: existingFree.filter((slot) => !wantedKeys.has(key(slot))),
    keep: existingFree.filter((slot) => wantedKeys.has(key(slot))),
  };
}
