import type { EntityManager } from 'typeorm';

import type { ConsultationMode } from '../../common/consultation-mode';
import { DomainError } from '../../common/domain-error';
import { queryRows } from '../../database/sql';
import type { SlotStatus } from './slot.entity';
import type { SlotTimes, TimeWindow } from './slot-rules';
import { SLOT_COLUMNS, SlotRow } from './slot-view';

/** Locks the practitioner's row, marks its availability as updated, and returns its modes. */
export async function touchPractitioner(
  manager: EntityManager,
  practitionerId: string,
): Promise<ConsultationMode[]> {
  const [row] = await queryRows<{ modes: ConsultationMode[] }>(
    manager,
    `UPDATE practitioner SET availability_updated_at = now() WHERE id = $1 RETURNING modes`,
    [practitionerId],
  );
  if (!row) throw DomainError.notFound('Practitioner');
  return row.modes;
}

export async function practitionerExists(
  manager: EntityManager,
  practitionerId: string,
): Promise<boolean> {
  const found = await queryRows(manager, 'SELECT 1 FROM practitioner WHERE id = $1', [
    practitionerId,
  ]);
  return found.length > 0;
}

/** Whether the practitioner has a slot, in any status, overlapping `slot`. */
export async function overlapsASlot(
  manager: EntityManager,
  practitionerId: string,
  slot: SlotTimes,
): Promise<boolean> {
  const clash = await queryRows(
    manager,
    `SELECT 1 FROM slot WHERE practitioner_id = $1
        AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
    [practitionerId, slot.startsAt, slot.endsAt],
  );
  return clash.length > 0;
}

/** The practitioner's booked or held slots overlapping [from, to). */
export function takenSlotsOverlapping(
  manager: EntityManager,
  practitionerId: string,
  window: TimeWindow,
): Promise<Array<{ startsAt: Date; endsAt: Date }>> {
  return queryRows(
    manager,
    `SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM slot
      WHERE practitioner_id = $1 AND status <> 'free'
        AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)`,
    [practitionerId, window.from, window.to],
  );
}

/** The practitioner's free slots starting in [from, to), locked. */
export function lockFreeSlotsStarting(
  manager: EntityManager,
  practitionerId: string,
  window: TimeWindow,
): Promise<SlotRow[]> {
  return queryRows<SlotRow>(
    manager,
    `SELECT ${SLOT_COLUMNS} FROM slot
      WHERE practitioner_id = $1 AND status = 'free' AND starts_at >= $2 AND starts_at < $3
      FOR UPDATE`,
    [practitionerId, window.from, window.to],
  );
}

/** A page of the practitioner's slots starting in [from, to) and after `after`, by start. */
export function listSlots(
  manager: EntityManager,
  practitionerId: string,
  filter: TimeWindow & { status?: SlotStatus; after?: Date; limit: number },
): Promise<SlotRow[]> {
  return queryRows<SlotRow>(
    manager,
    `SELECT ${SLOT_COLUMNS} FROM slot
      WHERE practitioner_id = $1 AND starts_at >= $2 AND starts_at < $3
        AND ($4::text IS NULL OR status = $4) AND ($5::timestamptz IS NULL OR starts_at > $5)
      ORDER BY starts_at LIMIT $6`,
    [
      practitionerId,
      filter.from,
      filter.to,
      filter.status ?? null,
      filter.after ?? null,
      filter.limit,
    ],
  );
}

export async function slotPractitionerId(
  manager: EntityManager,
  slotId: string,
): Promise<string | undefined> {
  const [found] = await queryRows<{ practitionerId: string }>(
    manager,
    `SELECT practitioner_id AS "practitionerId" FROM slot WHERE id = $1`,
    [slotId],
  );
  return found?.practitionerId;
}

export async function lockSlot(
  manager: EntityManager,
  slotId: string,
): Promise<SlotRow | undefined> {
  const [slot] = await queryRows<SlotRow>(
    manager,
    `SELECT ${SLOT_COLUMNS} FROM slot WHERE id = $1 FOR UPDATE`,
    [slotId],
  );
  return slot;
}

export async function deleteSlots(manager: EntityManager, slotIds: string[]): Promise<void> {
  await queryRows(manager, `DELETE FROM slot WHERE id = ANY($1::uuid[])`, [slotIds]);
}

/**
 * Inserts the practitioner's slots. With `skipOverlaps`, a slot that would overlap one already
 * there (booked or free, the exclusion constraint decides) is skipped instead of failing the whole.
 */
export function insertSlots(
  manager: EntityManager,
  practitionerId: string,
  slots: SlotTimes[],
  options: { patternId?: string | null; skipOverlaps?: boolean } = {},
): Promise<SlotRow[]> {
  if (slots.length === 0) return Promise.resolve([]);
  return queryRows<SlotRow>(
    manager,
    `INSERT INTO slot (practitioner_id, starts_at, ends_at, mode, pattern_id)
     SELECT $1, s, e, m, $5 FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) AS t(s, e, m)
     ${options.skipOverlaps ? 'ON CONFLICT DO NOTHING' : ''}
     RETURNING ${SLOT_COLUMNS}`,
    [
      practitionerId,
      slots.map((slot) => slot.startsAt),
      slots.map((slot) => slot.endsAt),
      slots.map((slot) => slot.mode),
      options.patternId ?? null,
    ],
  );
}

/** Deletes the practitioner's free slots starting in [from, to) (of one pattern when given). */
export function deleteFreeSlots(
  manager: EntityManager,
  practitionerId: string,
  filter: { from: Date; to?: Date; patternId?: string },
): Promise<SlotRow[]> {
  return queryRows<SlotRow>(
    manager,
    `DELETE FROM slot
      WHERE practitioner_id = $1 AND status = 'free' AND starts_at >= $2
        AND ($3::timestamptz IS NULL OR starts_at < $3)
        AND ($4::uuid IS NULL OR pattern_id = $4)
      RETURNING ${SLOT_COLUMNS}`,
    [practitionerId, filter.from, filter.to ?? null, filter.patternId ?? null],
  );
}
