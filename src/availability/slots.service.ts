import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertCanActAsPractitioner } from '../access/ownership';
import type { Caller } from '../access/role';
import { cursorTime, decodeCursor, encodeCursor } from '../common/cursor';
import { DomainError, FieldError } from '../common/domain-error';
import type { Page } from '../common/list-query.dto';
import { Database } from '../database/database';
import { AvailabilityEvents } from './availability-events.service';
import type { ConsultationMode } from './consultation-mode';
import { SlotInput, toSlotTimes, toWindow } from './slot-input';
import { overlaps, selfOverlapErrors, slotErrors, SlotTimes, windowErrors } from './slot-rules';
import { planSlotSync } from './slot-sync';
import { renderSlot, SLOT_COLUMNS, slotEventPayload, SlotRow, SlotView } from './slot-view';
import type { SlotStatus } from './slot.entity';
import { SyncResult } from './dto/slot.view';

const DAY_MS = 24 * 60 * 60_000;
const SYNC_MAX_DAYS = 92;
const LIST_DEFAULT_DAYS = 30;
const LIST_MAX_DAYS = 366;

export { SyncResult };

export interface SlotListQuery {
  from?: string;
  to?: string;
  status?: SlotStatus;
  limit: number;
  cursor?: string;
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length === 0) return;
  throw new DomainError('invalid', errors.map((error) => error.message).join('; '), errors);
}

/**
 * Urgent slots. Every write locks the practitioner's row first (by touching its
 * availability_updated_at), so writes for one practitioner run one after the other; the
 * exclusion constraint slot_no_overlap still refuses an overlap that would slip through.
 */
@Injectable()
export class SlotsService {
  constructor(
    private readonly db: Database,
    private readonly events: AvailabilityEvents,
  ) {}

  publish(caller: Caller, practitionerId: string, input: SlotInput): Promise<SlotView> {
    assertCanActAsPractitioner(caller, practitionerId);
    const slot = toSlotTimes(input);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const modes = await touchPractitioner(manager, practitionerId);
      throwIfAny(slotErrors(slot, modes, new Date()));
      const clash = await manager.query<unknown[]>(
        `SELECT 1 FROM slot WHERE practitioner_id = $1
            AND tstzrange(starts_at, ends_at) && tstzrange($2, $3) LIMIT 1`,
        [practitionerId, slot.startsAt, slot.endsAt],
      );
      if (clash.length > 0) {
        throw DomainError.conflict('The slot overlaps another slot of this practitioner.');
      }
      const [created] = await insertSlots(manager, practitionerId, [slot]);
      await this.events.record(manager, 'slot.published', slotEventPayload(created));
      return renderSlot(created);
    });
  }

  sync(
    caller: Caller,
    practitionerId: string,
    window: { from: string; to: string },
    slots: SlotInput[],
  ): Promise<SyncResult> {
    assertCanActAsPractitioner(caller, practitionerId);
    const { from, to } = toWindow(window, new Date(), 0);
    throwIfAny(windowErrors({ from, to }, SYNC_MAX_DAYS));
    const wanted = slots.map((slot, index) => toSlotTimes(slot, `slots.${index}.`));
    throwIfAny([
      ...wanted.flatMap((slot, index) =>
        slot.startsAt < from || slot.startsAt >= to
          ? [{ field: `slots.${index}.startsAt`, message: 'startsAt must lie within [from, to)' }]
          : [],
      ),
      ...selfOverlapErrors(wanted, 'slots.'),
    ]);
    return this.db.tenant(caller.cptsId, async (manager) => {
      const modes = await touchPractitioner(manager, practitionerId);
      const existing = await manager.query<SlotRow[]>(
        `SELECT ${SLOT_COLUMNS} FROM slot
          WHERE practitioner_id = $1 AND status = 'free' AND starts_at >= $2 AND starts_at < $3
          FOR UPDATE`,
        [practitionerId, from, to],
      );
      const plan = planSlotSync(existing, wanted);
      const now = new Date();
      throwIfAny(
        plan.create.flatMap((slot) =>
          slotErrors(slot, modes, now, `slots.${wanted.indexOf(slot)}.`),
        ),
      );
      await this.refuseBookedOverlap(manager, practitionerId, plan.create, wanted);
      if (plan.remove.length > 0) {
        await manager.query(`DELETE FROM slot WHERE id = ANY($1::uuid[])`, [
          plan.remove.map((slot) => slot.id),
        ]);
      }
      const created = await insertSlots(manager, practitionerId, plan.create);
      await this.events.recordAll(manager, 'slot.removed', plan.remove.map(slotEventPayload));
      await this.events.recordAll(manager, 'slot.published', created.map(slotEventPayload));
      return { created: created.length, removed: plan.remove.length, kept: plan.keep.length };
    });
  }

  list(caller: Caller, practitionerId: string, query: SlotListQuery): Promise<Page<SlotView>> {
    assertCanActAsPractitioner(caller, practitionerId);
    const window = toWindow(query, new Date(), LIST_DEFAULT_DAYS * DAY_MS);
    throwIfAny(windowErrors(window, LIST_MAX_DAYS));
    const after =
      query.cursor === undefined ? undefined : cursorTime(decodeCursor(query.cursor, 1)[0]);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await findPractitioner(manager, practitionerId);
      const rows = await manager.query<SlotRow[]>(
        `SELECT ${SLOT_COLUMNS} FROM slot
          WHERE practitioner_id = $1 AND starts_at >= $2 AND starts_at < $3
            AND ($4::text IS NULL OR status = $4) AND ($5::timestamptz IS NULL OR starts_at > $5)
          ORDER BY starts_at LIMIT $6`,
        [
          practitionerId,
          window.from,
          window.to,
          query.status ?? null,
          after ?? null,
          query.limit + 1,
        ],
      );
      const page = rows.slice(0, query.limit);
      // A practitioner's slots never overlap, so their start is a unique sort key.
      const last = page[page.length - 1];
      return {
        items: page.map(renderSlot),
        nextCursor: rows.length > query.limit ? encodeCursor([last.startsAt.toISOString()]) : null,
      };
    });
  }

  remove(caller: Caller, slotId: string): Promise<void> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const [found] = await manager.query<Array<{ practitionerId: string }>>(
        `SELECT practitioner_id AS "practitionerId" FROM slot WHERE id = $1`,
        [slotId],
      );
      if (!found) throw DomainError.notFound('Slot');
      assertCanActAsPractitioner(caller, found.practitionerId);
      // The practitioner first, then the slot: the order every slot write takes its locks in.
      await touchPractitioner(manager, found.practitionerId);
      const [slot] = await manager.query<SlotRow[]>(
        `SELECT ${SLOT_COLUMNS} FROM slot WHERE id = $1 FOR UPDATE`,
        [slotId],
      );
      if (!slot) throw DomainError.notFound('Slot');
      if (slot.status !== 'free') throw DomainError.conflict(`The slot is ${slot.status}.`);
      await manager.query(`DELETE FROM slot WHERE id = $1`, [slotId]);
      await this.events.record(manager, 'slot.removed', slotEventPayload(slot));
    });
  }

  /**
   * Inserts slots in the caller's transaction, skipping those that would overlap a slot already
   * there (booked or free, the exclusion constraint decides, so concurrent writers cannot double a
   * slot), and records `slot.published` for each one made. The caller locks the practitioner first.
   */
  async insertSkippingOverlaps(
    manager: EntityManager,
    practitionerId: string,
    slots: SlotTimes[],
    patternId: string | null = null,
  ): Promise<SlotRow[]> {
    if (slots.length === 0) return [];
    const created = await manager.query<SlotRow[]>(
      `INSERT INTO slot (practitioner_id, starts_at, ends_at, mode, pattern_id)
       SELECT $1, s, e, m, $5 FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) AS t(s, e, m)
       ON CONFLICT DO NOTHING
       RETURNING ${SLOT_COLUMNS}`,
      [
        practitionerId,
        slots.map((slot) => slot.startsAt),
        slots.map((slot) => slot.endsAt),
        slots.map((slot) => slot.mode),
        patternId,
      ],
    );
    await this.events.recordAll(manager, 'slot.published', created.map(slotEventPayload));
    return created;
  }

  /**
   * Deletes the practitioner's FREE slots starting in [from, to) (of one pattern when given) and
   * records `slot.removed` for each; a slot booked meanwhile is left alone. The caller locks the
   * practitioner first.
   */
  async removeFree(
    manager: EntityManager,
    practitionerId: string,
    filter: { from: Date; to?: Date; patternId?: string },
  ): Promise<number> {
    const [removed] = await manager.query<[SlotRow[], number]>(
      `DELETE FROM slot
        WHERE practitioner_id = $1 AND status = 'free' AND starts_at >= $2
          AND ($3::timestamptz IS NULL OR starts_at < $3)
          AND ($4::uuid IS NULL OR pattern_id = $4)
        RETURNING ${SLOT_COLUMNS}`,
      [practitionerId, filter.from, filter.to ?? null, filter.patternId ?? null],
    );
    await this.events.recordAll(manager, 'slot.removed', removed.map(slotEventPayload));
    return removed.length;
  }

  private async refuseBookedOverlap(
    manager: EntityManager,
    practitionerId: string,
    slots: SlotTimes[],
    wanted: SlotTimes[],
  ): Promise<void> {
    if (slots.length === 0) return;
    const booked = await manager.query<Array<{ startsAt: Date; endsAt: Date }>>(
      `SELECT starts_at AS "startsAt", ends_at AS "endsAt" FROM slot
        WHERE practitioner_id = $1 AND status <> 'free'
          AND tstzrange(starts_at, ends_at) && tstzrange($2, $3)`,
      [
        practitionerId,
        new Date(Math.min(...slots.map((slot) => slot.startsAt.getTime()))),
        new Date(Math.max(...slots.map((slot) => slot.endsAt.getTime()))),
      ],
    );
    const clash = slots.find((slot) => booked.some((taken) => overlaps(slot, taken)));
    if (clash) {
      throw DomainError.conflict(
        `slots.${wanted.indexOf(clash)} overlaps a booked slot; nothing was changed.`,
      );
    }
  }
}

/** Locks the practitioner's row, marks its availability as updated, and returns its modes. */
export async function touchPractitioner(
  manager: EntityManager,
  practitionerId: string,
): Promise<ConsultationMode[]> {
  const [rows] = await manager.query<[Array<{ modes: ConsultationMode[] }>, number]>(
    `UPDATE practitioner SET availability_updated_at = now() WHERE id = $1 RETURNING modes`,
    [practitionerId],
  );
  if (rows.length === 0) throw DomainError.notFound('Practitioner');
  return rows[0].modes;
}

async function findPractitioner(manager: EntityManager, practitionerId: string): Promise<void> {
  const found = await manager.query<unknown[]>('SELECT 1 FROM practitioner WHERE id = $1', [
    practitionerId,
  ]);
  if (found.length === 0) throw DomainError.notFound('Practitioner');
}

async function insertSlots(
  manager: EntityManager,
  practitionerId: string,
  slots: SlotTimes[],
): Promise<SlotRow[]> {
  if (slots.length === 0) return [];
  return manager.query<SlotRow[]>(
    `INSERT INTO slot (practitioner_id, starts_at, ends_at, mode)
     SELECT $1, s, e, m FROM unnest($2::timestamptz[], $3::timestamptz[], $4::text[]) AS t(s, e, m)
     RETURNING ${SLOT_COLUMNS}`,
    [
      practitionerId,
      slots.map((slot) => slot.startsAt),
      slots.map((slot) => slot.endsAt),
      slots.map((slot) => slot.mode),
    ],
  );
}
