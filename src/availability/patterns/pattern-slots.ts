import { DateTime } from 'luxon';

import type { ConsultationMode } from '../../common/consultation-mode';
import type { FieldError } from '../../common/domain-error';
import { PARIS } from '../../common/paris-time';
import {
  MAX_SLOT_MINUTES,
  MIN_SLOT_MINUTES,
  type SlotTimes,
  type TimeWindow,
} from '../slots/slot-rules';

/** A weekly pattern: ISO weekday (1 = Monday … 7 = Sunday), "HH:MM" Paris wall-clock times. */
export interface PatternRule {
  weekday: number;
  startTime: string;
  endTime: string;
  slotMinutes: number;
  mode: ConsultationMode;
}

/** Paris days, inclusive, as "YYYY-MM-DD". */
export interface DayRange {
  from: string;
  to: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Minutes since midnight of an "HH:MM" time, or undefined for anything else. */
export function minutesOfDay(value: string): number | undefined {
  const match = TIME.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** Why a pattern cannot be stored, field by field. */
export function patternErrors(
  rule: PatternRule,
  offeredModes: readonly ConsultationMode[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (!Number.isInteger(rule.weekday) || rule.weekday < 1 || rule.weekday > 7) {
    errors.push({ field: 'weekday', message: 'weekday must be 1 (Monday) to 7 (Sunday)' });
  }
  const start = minutesOfDay(rule.startTime);
  const end = minutesOfDay(rule.endTime);
  if (start === undefined) {
    errors.push({ field: 'startTime', message: 'startTime must be HH:MM' });
  }
  if (end === undefined) {
    errors.push({ field: 'endTime', message: 'endTime must be HH:MM' });
  } else if (start !== undefined && end <= start) {
    errors.push({ field: 'endTime', message: 'endTime must be after startTime' });
  }
  if (
    !Number.isInteger(rule.slotMinutes) ||
    rule.slotMinutes < MIN_SLOT_MINUTES ||
    rule.slotMinutes > MAX_SLOT_MINUTES
  ) {
    errors.push({
      field: 'slotMinutes',
      message: `slotMinutes must be an integer from ${MIN_SLOT_MINUTES} to ${MAX_SLOT_MINUTES}`,
    });
  }
  if (!offeredModes.includes(rule.mode)) {
    errors.push({
      field: 'mode',
      message: `the practitioner does not offer ${rule.mode} (offers ${offeredModes.join(', ')})`,
    });
  }
  return errors;
}

/** Why an absence cannot be stored. */
export function absenceErrors(range: DayRange): FieldError[] {
  const valid = (value: string) => DATE.test(value) && DateTime.fromISO(value).isValid;
  const errors: FieldError[] = [];
  if (!valid(range.from)) errors.push({ field: 'from', message: 'from must be a YYYY-MM-DD date' });
  if (!valid(range.to)) errors.push({ field: 'to', message: 'to must be a YYYY-MM-DD date' });
  if (errors.length === 0 && range.to < range.from) {
    errors.push({ field: 'to', message: 'to must not be before from' });
  }
  return errors;
}

/** The Paris day of an instant, as "YYYY-MM-DD". */
export function parisDate(time: Date): string {
  return DateTime.fromJSDate(time, { zone: PARIS }).toISODate() ?? '';
}

/** The instants [from, to) that Paris days cover, from the first's midnight to the next day's. */
export function parisDays(range: DayRange): TimeWindow {
  const first = DateTime.fromISO(range.from, { zone: PARIS }).startOf('day');
  const last = DateTime.fromISO(range.to, { zone: PARIS }).startOf('day');
  return { from: first.toJSDate(), to: last.plus({ days: 1 }).startOf('day').toJSDate() };
}

/**
 * The Paris wall-clock time `minutes` after midnight of `day`, or undefined when that time does
 * not exist that day (the hour skipped on the last Sunday of March). A time that occurs twice (the
 * hour repeated on the last Sunday of October) is taken once, in winter time (+01:00).
 */
function wallClock(day: DateTime, minutes: number): DateTime | undefined {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const time = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute },
    { zone: PARIS },
  );
  return time.hour === hour && time.minute === minute ? time : undefined;
}

/**
 * The slots a pattern makes over [from, to) (by start), in Paris wall-clock time, skipping the
 * days of the absences. Slots follow the wall-clock grid startTime, startTime + slotMinutes, …;
 * the last one that would end after endTime is not made. A slot is made only when its wall-clock
 * start and end both exist that day and it lasts exactly slotMinutes: on the last Sunday of March
 * the slots starting, ending or lying in 02:00–03:00 are skipped (not shifted: shifting would
 * collide with the next slot); on the last Sunday of October the repeated hour is taken once, in
 * winter time, and a slot spanning the change (lasting an hour more than the pattern says) is
 * skipped. The slots of one pattern never overlap.
 */
export function patternSlots(
  rule: PatternRule,
  window: TimeWindow,
  absences: readonly DayRange[] = [],
): SlotTimes[] {
  const start = minutesOfDay(rule.startTime);
  const end = minutesOfDay(rule.endTime);
  if (start === undefined || end === undefined || rule.slotMinutes <= 0) return [];
  const slots: SlotTimes[] = [];
  const last = DateTime.fromJSDate(window.to, { zone: PARIS }).startOf('day');
  for (
    let day = DateTime.fromJSDate(window.from, { zone: PARIS }).startOf('day');
    day <= last;
    day = day.plus({ days: 1 }).startOf('day')
  ) {
    if (day.weekday !== rule.weekday) continue;
    const date = day.toISODate() ?? '';
    if (absences.some((absence) => absence.from <= date && date <= absence.to)) continue;
    for (let minutes = start; minutes + rule.slotMinutes <= end; minutes += rule.slotMinutes) {
      const startsAt = wallClock(day, minutes);
      const endsAt = wallClock(day, minutes + rule.slotMinutes);
      if (!startsAt || !endsAt) continue;
      if (endsAt.diff(startsAt, 'minutes').minutes !== rule.slotMinutes) continue;
      const slot = { startsAt: startsAt.toJSDate(), endsAt: endsAt.toJSDate(), mode: rule.mode };
      if (slot.startsAt >= window.from && slot.startsAt < window.to) slots.push(slot);
    }
  }
  return slots;
}
