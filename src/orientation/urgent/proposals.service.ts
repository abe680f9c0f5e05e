import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import type { Actor, Caller } from '../../access/role';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { Slot } from '../../availability/slots/slot.entity';
import { DomainError } from '../../common/domain-error';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { CommunesService } from '../../territory/communes.service';
import { PractitionerSummary, Proposal, SlotChoice } from '../requests/dto/request.view';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { RequestTransitions } from '../requests/request-transitions.service';
import { practitionerSummary } from '../requests/request-view';
import { Appointment } from './appointment.entity';
import { BookingService } from './booking.service';
import { alternativeReason, distanceKm, proposalReason } from './proposal';
import { SlotHold } from './slot-hold.entity';
import { UrgentMatcher } from './urgent-matcher.service';
import type { RankedCandidate } from './urgent-ranking';

export { Proposal, SlotChoice };

/** Restricts a proposal to one practitioner, or to the one slot the caller chose. */
export interface ProposalTarget {
  practitionerId?: string;
  slotId?: string;
}

const TRIED_PER_PROPOSAL = 25;
const ALTERNATIVES = 5;

/**
 * Propose, then confirm: the best slot is held while the patient on the phone agrees to it, the
 * next ones are shown as alternatives, and confirming books the held slot or an alternative
 * still free. Holds live in the database (SlotHold) and expire there (HoldExpiry).
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly config: AppConfig,
    private readonly communes: CommunesService,
    private readonly matcher: UrgentMatcher,
    private readonly booking: BookingService,
    private readonly transitions: RequestTransitions,
  ) {}

  /** Holds the best slot for a pending urgent request this transaction holds; the alternatives. */
  async propose(
    manager: EntityManager,
    request: OrientationRequest,
    actor: Actor,
    only: ProposalTarget = {},
  ): Promise<SlotChoice[]> {
    if (only.slotId) {
      await this.holdChosen(manager, request, actor, only.slotId, only.practitionerId);
      return [];
    }
    const ranked = (await this.matcher.rank(manager, request, new Date())).filter(
      (candidate) => !only.practitionerId || candidate.practitionerId === only.practitionerId,
    );
    for (const [index, candidate] of ranked.slice(0, TRIED_PER_PROPOSAL).entries()) {
      const expiresAt = new Date(Date.now() + this.config.holdTtlMs);
      const why = proposalReason(candidate, ranked[index + 1]);
      const held = await this.booking.hold(manager, request, candidate, {
        expiresAt,
        why,
        distanceKm: distanceKm(candidate),
      });
      if (!held) continue;
      await this.transitions.move(manager, request, 'held', {
        actor,
        detail: {
          slotId: candidate.slotId,
          practitionerId: candidate.practitionerId,
          heldUntil: toParisIso(expiresAt),
        },
      });
      await this.matcher.decide(manager, request, 'proposal', 'held', ranked.slice(index), why);
      return this.choices(manager, ranked.slice(index + 1));
    }
    await this.matcher.decide(manager, request, 'proposal', 'none', ranked, 'no slot to hold');
    return [];
  }

  /**
   * Holds the one slot the caller chose (a SAS regulator picks it on the GP's list): no ranking;
   * a slot that is not free, too soon, or of another practitioner is a 409.
   */
  private async holdChosen(
    manager: EntityManager,
    request: OrientationRequest,
    actor: Actor,
    slotId: string,
    practitionerId: string | undefined,
  ): Promise<void> {
    const slot = await manager.findOneBy(Slot, { id: slotId });
    if (!slot || (practitionerId && slot.practitionerId !== practitionerId)) {
      throw DomainError.invalid('slotId', 'slotId is not a slot of this practitioner');
    }
    const expiresAt = new Date(Date.now() + this.config.holdTtlMs);
    const held = await this.booking.hold(
      manager,
      request,
      { slotId, practitionerId: slot.practitionerId },
      { expiresAt, why: 'Créneau choisi', distanceKm: null },
    );
    if (!held) throw DomainError.conflict('This slot can no longer be booked.');
    await this.transitions.move(manager, request, 'held', {
      actor,
      detail: { slotId, practitionerId: slot.practitionerId, heldUntil: toParisIso(expiresAt) },
    });
  }

  /** The held slot of a request, as its view shows it. */
  async proposal(manager: EntityManager, requestId: string): Promise<Proposal | undefined> {
    const hold = await manager.findOne(SlotHold, {
      where: { requestId },
      relations: { slot: { practitioner: true } },
    });
    if (!hold?.slot?.practitioner) return undefined;
    const { slot } = hold;
    return {
      slotId: slot.id,
      startsAt: toParisIso(slot.startsAt),
      endsAt: toParisIso(slot.endsAt),
      mode: slot.mode,
      practitioner: this.summary(slot.practitioner as Practitioner),
      distanceKm: hold.distanceKm,
      why: hold.why,
      heldUntil: toParisIso(hold.expiresAt),
    };
  }

  /**
   * Books the held slot (no `slotId`, or its own) or another free one, for a request this
   * transaction has locked. A slot taken meanwhile, or a hold expired, is a 409 carrying fresh
   * alternatives; nothing is changed then.
   */
  async confirm(
    manager: EntityManager,
    request: OrientationRequest,
    slotId: string | undefined,
    caller: Caller,
  ): Promise<void> {
    if (request.kind !== 'urgent') {
      throw DomainError.conflict('Only an urgent request is booked into a slot.');
    }
    if (request.status === 'booked' && (await this.bookedInto(manager, request, slotId))) return;
    if (request.status !== 'held' && request.status !== 'pending') {
      throw DomainError.conflict(`A ${request.status} request cannot be confirmed.`);
    }
    const hold = await manager.findOneBy(SlotHold, { requestId: request.id });
    if (caller.role === 'regulator' && slotId && slotId !== hold?.slotId) {
      throw DomainError.forbidden('A SAS regulator confirms the slot held for them only.');
    }
    const target = slotId ?? hold?.slotId;
    const refused = async (why: string) =>
      DomainError.conflict(why, { alternatives: await this.alternatives(manager, request) });
    if (!target) throw await refused('The hold has expired; choose one of the alternatives.');
    const ownHold = target === hold?.slotId;
    if (ownHold && !(await this.booking.takeBackHold(manager, request.id, target))) {
      throw await refused('The hold has expired; choose one of the alternatives.');
    }
    const slot = await manager.findOneBy(Slot, { id: target });
    if (!slot) throw await refused('This slot no longer exists.');
    const result = await this.booking.bookSlot(
      manager,
      request,
      { slotId: target, practitionerId: slot.practitionerId },
      { source: 'proposal', actor: caller, detail: { trigger: 'confirmed' } },
    );
    if (typeof result === 'string') {
      throw await refused(`This slot can no longer be booked (${result.replace('_', ' ')}).`);
    }
    if (hold && !ownHold) await this.booking.freeHeldSlot(manager, request.id);
  }

  /** Whether a booked request's appointment is in this slot (or any, without one): a retry. */
  private async bookedInto(
    manager: EntityManager,
    request: OrientationRequest,
    slotId: string | undefined,
  ): Promise<boolean> {
    const appointment = await manager.findOneBy(Appointment, {
      requestId: request.id,
      status: 'booked',
    });
    return Boolean(appointment && (!slotId || appointment.slotId === slotId));
  }

  /** Gives the held slot back; the request waits again. */
  async release(manager: EntityManager, request: OrientationRequest, actor: Actor): Promise<void> {
    if (request.status !== 'held') {
      throw DomainError.conflict(`A ${request.status} request holds no slot.`);
    }
    const freed = await this.booking.freeHeldSlot(manager, request.id);
    await this.transitions.move(manager, request, 'pending', {
      type: 'hold_released',
      actor,
      detail: { slotId: freed?.slotId },
    });
  }

  /** Fresh alternatives for a request, none of them held. */
  private async alternatives(
    manager: EntityManager,
    request: OrientationRequest,
  ): Promise<SlotChoice[]> {
    return this.choices(manager, await this.matcher.rank(manager, request, new Date()));
  }

  private async choices(
    manager: EntityManager,
    ranked: readonly RankedCandidate[],
  ): Promise<SlotChoice[]> {
    const chosen = ranked.slice(0, ALTERNATIVES);
    const practitioners = await manager.findBy(Practitioner, {
      id: In([...new Set(chosen.map((candidate) => candidate.practitionerId))]),
    });
    const byId = new Map(practitioners.map((practitioner) => [practitioner.id, practitioner]));
    return chosen.map((candidate) => ({
      slotId: candidate.slotId,
      startsAt: toParisIso(candidate.startsAt),
      endsAt: toParisIso(candidate.endsAt),
      mode: candidate.mode,
      practitioner: this.summary(byId.get(candidate.practitionerId) as Practitioner),
      distanceKm: distanceKm(candidate),
      why: alternativeReason(candidate),
    }));
  }

  private summary(practitioner: Practitioner): PractitionerSummary {
    return practitionerSummary(practitioner, this.communes.name(practitioner.communeCode));
  }
}
