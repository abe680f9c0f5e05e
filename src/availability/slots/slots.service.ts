import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { assertCanActAsPractitioner } from '../../access/ownership';
import type { Caller } from '../../access/role';
import { cursorTime, decodeCursor, encodeCursor } from '../../common/cursor';
import { DomainError, FieldError } from '../../common/domain-error';
import type { Page } from '../../common/list-query.dto';
import { Database } from '../../database/database';
import { AvailabilityEvents } from '../live/availability-events.service';
import { SyncResult } from './dto/slot.view';
import type { SlotStatus } from './slot.entity';
import { SlotInput, toSlotTimes, toWindow } from './slot-input';
import { overlaps, selfOverlapErrors, slotErrors, SlotTimes, windowErrors } from './slot-rules';
import { planSlotSync } from './slot-sync';
import { renderSlot, slotEventPayload, SlotRow, SlotView } from './slot-view';
import {
  deleteFreeSlots,
  deleteSlots,
  insertSlots,
  listSlots,
  lockFreeSlotsStarting,
  lockSlot,
  overlapsASlot,
  practitionerExists,
  slotPractitionerId,
  takenSlotsOverlapping,
  touchPractitioner,
} from './slots.queries';

// What other features use of this one.
export { requireTime } from './slot-input';

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
      if (await overlapsASlot(manager, practitionerId, slot)) {
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
      const existing = await lockFreeSlotsStarting(manager, practitionerId, { from, to });
      const plan = planSlotSync(existing, wanted);
      const now = new Date();
      throwIfAny(
        plan.create.flatMap((slot) =>
          slotErrors(slot, modes, now, `slots.${wanted.indexOf(slot)}.`),
        ),
      );
      await this.refuseBookedOverlap(manager, practitionerId, plan.create, wanted);
      if (plan.remove.length > 0) {
        await deleteSlots(
          manager,
          plan.remove.map((slot) => slot.id),
        );
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
      if (!(await practitionerExists(manager, practitionerId))) {
        throw DomainError.notFound('Practitioner');
      }
      const rows = await listSlots(manager, practitionerId, {
        ...window,
        status: query.status,
        after,
        limit: query.limit + 1,
      });
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
      const practitionerId = await slotPractitionerId(manager, slotId);
      if (!practitionerId) throw DomainError.notFound('Slot');
      assertCanActAsPractitioner(caller, practitionerId);
      // The practitioner first, then the slot: the order every slot write takes its locks in.
      await touchPractitioner(manager, practitionerId);
      const slot = await lockSlot(manager, slotId);
      if (!slot) throw DomainError.notFound('Slot');
      if (slot.status !== 'free') throw DomainError.conflict(`The slot is ${slot.status}.`);
      await deleteSlots(manager, [slotId]);
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
    const created = await insertSlots(manager, practitionerId, slots, {
      patternId,
      skipOverlaps: true,
    });
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
    const removed = await deleteFreeSlots(manager, practitionerId, filter);
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
    const booked = await takenSlotsOverlapping(manager, practitionerId, {
      from: new Date(Math.min(...slots.map((slot) => slot.startsAt.getTime()))),
      to: new Date(Math.max(...slots.map((slot) => slot.endsAt.getTime()))),
    });
    const clash = slots.find((slot) => booked.some((taken) => overlaps(slot, taken)));
    if (clash) {
      throw DomainError.conflict(
        `slots.${wanted.indexOf(clash)} overlaps a booked slot; nothing was changed.`,
      );
    }
  }
}
