import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Caller } from '../../access/role';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { Slot } from '../../availability/slots/slot.entity';
import { DomainError } from '../../common/domain-error';
import { parseRfc3339, toParisIso } from '../../common/paris-time';
import { Database } from '../../database/database';
import { NotificationsService } from '../../notifications/notifications.service';
import { RedirectTargetsService } from '../../redirect-targets/redirect-targets.service';
import { MatchingDecision } from '../matching-decision.entity';
import { ReferralService } from '../referral/referral.service';
import {
  AssignRequestDto,
  RedirectRequestDto,
  SurnumeraireAskDto,
} from '../requests/dto/request-actions.dto';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { canMove } from '../requests/request-lifecycle';
import { lockRequest } from '../requests/request-lock';
import { RequestTransitions } from '../requests/request-transitions.service';
import { BookingService } from '../urgent/booking.service';
import { SurnumeraireAsks } from '../urgent/surnumeraire-asks.service';

/**
 * The coordinator's hands (and the operator's, for redirection): manual orientation and
 * redirection, each audited with its note.
 */
@Injectable()
export class CoordinationService {
  constructor(
    private readonly db: Database,
    private readonly booking: BookingService,
    private readonly referral: ReferralService,
    private readonly notifications: NotificationsService,
    private readonly transitions: RequestTransitions,
    private readonly targets: RedirectTargetsService,
    private readonly surnumeraire: SurnumeraireAsks,
  ) {}

  askSurnumeraire(caller: Caller, id: string, body: SurnumeraireAskDto): Promise<void> {
    // The DTO checked the form.
    const startsAt = parseRfc3339(body.startsAt)!;
    return this.db.tenant(caller.cptsId, async (manager) => {
      const request = await this.lock(manager, id);
      await this.surnumeraire.ask(
        manager,
        request,
        { practitionerId: body.practitionerId, startsAt },
        caller,
      );
    });
  }

  assign(caller: Caller, id: string, body: AssignRequestDto): Promise<void> {
    if (body.slotId && body.startsAt) {
      throw DomainError.invalid('startsAt', 'give either slotId or startsAt, not both');
    }
    return this.db.tenant(caller.cptsId, async (manager) => {
      const request = await this.lock(manager, id);
      if (!canMove(request.status, 'assigned')) {
        throw DomainError.conflict(`A ${request.status} request cannot be assigned.`);
      }
      const practitioner = await manager.findOneBy(Practitioner, { id: body.practitionerId });
      if (!practitioner) throw DomainError.notFound('Practitioner');
      if (!practitioner.active) throw DomainError.conflict('The practitioner is not active.');
      const audit = {
        actor: caller,
        detail: { note: body.note, byCoordinator: true },
      };
      await this.referral.withdraw(manager, id);
      if (request.kind === 'referring_physician') {
        await this.referral.assign(manager, request, practitioner.id, {
          ...audit,
          withoutPlace: true,
        });
        return;
      }
      if (body.slotId) {
        const slot = await manager.findOneBy(Slot, { id: body.slotId });
        if (!slot || slot.practitionerId !== practitioner.id)
          throw DomainError.notFound('Slot of this practitioner');
        const result = await this.booking.bookSlot(
          manager,
          request,
          { slotId: slot.id, practitionerId: slot.practitionerId },
          {
            source: 'coordinator_slot',
            ignoreCap: true,
            ...audit,
          },
        );
        if (typeof result === 'string')
          throw DomainError.conflict(`The slot cannot be booked (${result.replace('_', ' ')}).`);
        return;
      }
      if (!body.startsAt)
        throw DomainError.invalid(
          'slotId',
          'give slotId, or startsAt for an appointment outside slots',
        );
      const startsAt = parseRfc3339(body.startsAt)!;
      if (startsAt.getTime() < Date.now() - 3_600_000) {
        throw DomainError.invalid('startsAt', 'startsAt must not be in the past');
      }
      const result = await this.booking.bookSurnumeraire(
        manager,
        request,
        practitioner.id,
        startsAt,
        { source: 'surnumeraire', ...audit },
      );
      if (typeof result === 'string')
        throw DomainError.conflict('The practitioner cannot take the appointment.');
    });
  }

  redirect(caller: Caller, id: string, body: RedirectRequestDto): Promise<void> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const target = body.targetId ? await this.targets.findIn(manager, body.targetId) : null;
      if (body.targetId && !target) {
        throw DomainError.invalid('targetId', "targetId is not one of the CPTS's redirect targets");
      }
      const request = await this.lock(manager, id);
      if (!canMove(request.status, 'redirected')) {
        throw DomainError.conflict(`A ${request.status} request cannot be redirected.`);
      }
      const released = await this.booking.release(manager, request);
      await this.referral.withdraw(manager, id);
      await this.transitions.move(manager, request, 'redirected', {
        changes: { closedAt: new Date() },
        actor: caller,
        detail: {
          to: body.to,
          targetId: target?.id,
          targetName: target?.name,
          note: body.note,
          releasedSlotId: released?.slotId ?? undefined,
        },
      });
    });
  }

  decisions(caller: Caller, id: string) {
    return this.db.tenant(caller.cptsId, async (manager) => {
      if (!(await manager.existsBy(OrientationRequest, { id })))
        throw DomainError.notFound('Request');
      const decisions = await manager.find(MatchingDecision, {
        where: { requestId: id },
        order: { at: 'ASC' },
      });
      return {
        items: decisions.map((decision) => ({
          at: toParisIso(decision.at),
          trigger: decision.trigger,
          outcome: decision.outcome,
          explanation: decision.explanation,
          candidates: decision.candidates,
        })),
      };
    });
  }

  notificationsOf(caller: Caller, id: string) {
    return this.db.tenant(caller.cptsId, async (manager) => {
      if (!(await manager.existsBy(OrientationRequest, { id })))
        throw DomainError.notFound('Request');
      return this.notifications.listForRequest(manager, id);
    });
  }

  private async lock(manager: EntityManager, id: string) {
    return lockRequest(manager, id);
  }
}
