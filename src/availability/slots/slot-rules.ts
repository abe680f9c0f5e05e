import type { ConsultationMode } from '../../common/consultation-mode';
import type { FieldError } from '../../common/domain-error';

export const MIN_SLOT_MINUTES = 5;
export const MAX_SLOT_MINUTES = 240;
const MINUTE_MS = 60_000;

export interface SlotTimes {
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
}

export interface TimeWindow {
  from: Date;
  to: Date;
}

/** Why a slot cannot be published, field by field (`prefix` names it inside a list). */
export function slotErrors(
  slot: SlotTimes,
  offeredModes: readonly ConsultationMode[],
  now: Date,
  prefix = '',
): FieldError[] {
  const errors: FieldError[] = [];
  const minutes = (slot.endsAt.getTime() - slot.startsAt.getTime()) / MINUTE_MS;
  if (slot.startsAt < now) {
    errors.push({ field: `${prefix}startsAt`, message: 'startsAt must not be in the past' });
  }
  if (minutes <= 0) {
    errors.push({ field: `${prefix}endsAt`, message: 'endsAt must be after startsAt' });
  } else if (minutes < MIN_SLOT_MINUTES || minutes > MAX_SLOT_MINUTES) {
    errors.push({
      field: `${prefix}endsAt`,
      message: `a slot must last from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES} minutes`,
    });
  }
  if (!offeredModes.includes(slot.mode)) {
    errors.push({
      field: `${prefix}mode`,
      message: `the practitioner does not offer ${slot.mode} (offers ${offeredModes.join(', ')})`,
    });
  }
  return errors;
}

/** Why a [from, to) window is unusable, bounded to `maxDays` so that one call stays cheap. */
export function windowErrors(window: TimeWindow, maxDays: number): FieldError[] {
  const span = window.to.getTime() - window.from.getTime();
  if (span <= 0) return [{ field: 'to', message: 'to must be after from' }];
  if (span > maxDays * 24 * 60 * MINUTE_MS) {
    return [{ field: 'to', message: `the window must not exceed ${maxDays} days` }];
  }
  return [];
}

export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** Slots of one list that overlap an earlier one of the same list, by index. */
export function selfOverlapErrors(slots: readonly SlotTimes[], prefix: string): FieldError[] {
  const order = slots
    .map((slot, index) => ({ slot, index }))
    .sort((a, b) => a.slot.startsAt.getTime() - b.slot.startsAt.getTime());
  const errors: FieldError[] = [];
  for (let i = 1; i < order.length; i++) {
    const previous = order[i - 1];
    const current = order[i];
    if (overlaps(previous.slot, current.slot)) {
      errors.push({
        field: `${prefix}${current.index}`,
        message: `overlaps ${prefix}${previous.index} of the same list`,
      });
    }
  }
  return errors;
}
