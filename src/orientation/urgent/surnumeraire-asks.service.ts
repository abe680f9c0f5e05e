import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Actor } from '../../access/role';
import { SignInLinksService } from '../../auth/sign-in-links.service';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { DomainError } from '../../common/domain-error';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { NotificationsService } from '../../notifications/notifications.service';
import { CommunesService } from '../../territory/communes.service';
import { surnumeraireAskNotifications } from '../orientation-notifications';
import { Offer } from '../referral/offer.entity';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { RequestTransitions } from '../requests/request-transitions.service';
import { BookingService } from './booking.service';

/**
 * "Demander un surnuméraire": when no published slot fits, the operator asks one GP, through the
 * offer mechanism, to see an urgent patient at a given time outside their slots. Yes books the
 * appointment there; no, or no answer in time, puts the request back to waiting.
 */
@Injectable()
export class SurnumeraireAsks {
  constructor(
    private readonly config: AppConfig,
    private readonly communes: CommunesService,
    private readonly booking: BookingService,
    private readonly transitions: RequestTransitions,
    private readonly notifications: NotificationsService,
    private readonly links: SignInLinksService,
  ) {}

  /** Asks for a request this transaction holds locked; a held slot is given back first. */
  async ask(
    manager: EntityManager,
    locked: OrientationRequest,
    ask: { practitionerId: string; startsAt: Date },
    actor: Actor,
  ): Promise<void> {
    if (locked.kind !== 'urgent') {
      throw DomainError.conflict('Only an urgent patient is seen in surnuméraire.');
    }
    const now = new Date();
    if (ask.startsAt.getTime() < now.getTime() + this.config.minLeadTimeMs) {
      throw DomainError.invalid('startsAt', 'startsAt must leave the patient time to get there');
    }
    if (ask.startsAt > locked.deadlineAt) {
      throw DomainError.invalid('startsAt', 'startsAt must be before the request’s deadline');
    }
    const practitioner = await manager.findOneBy(Practitioner, { id: ask.practitionerId });
    if (!practitioner?.active) {
      throw DomainError.invalid('practitionerId', 'practitionerId is not an active practitioner');
    }
    let request = locked;
    if (request.status === 'held') {
      await this.booking.freeHeldSlot(manager, request.id);
      request = await this.transitions.move(manager, request, 'pending', {
        type: 'hold_released',
        actor,
      });
    }
    if (request.status !== 'pending') {
      throw DomainError.conflict(`A ${request.status} request cannot be offered.`);
    }
    const expiresAt = new Date(
      Math.min(now.getTime() + this.config.surnumeraireAnswerWithinMs, ask.startsAt.getTime()),
    );
    const offer = await manager.save(
      manager.create(Offer, {
        requestId: request.id,
        practitionerId: practitioner.id,
        expiresAt,
        startsAt: ask.startsAt,
      }),
    );
    await this.transitions.move(manager, request, 'offered', {
      type: 'surnumeraire_asked',
      actor,
      detail: {
        offerId: offer.id,
        practitionerId: practitioner.id,
        startsAt: toParisIso(ask.startsAt),
      },
    });
    await this.notifications.request(
      manager,
      surnumeraireAskNotifications(request, practitioner, {
        communeName: this.communes.name(request.patientCommuneCode),
        startsAt: ask.startsAt,
        expiresAt,
        signInLinkId: await this.links.forPractitioner(manager, practitioner.id, '/medecin'),
        now,
      }),
    );
  }

  /** The GP said yes: the appointment is booked at the time asked. */
  async accepted(
    manager: EntityManager,
    request: OrientationRequest,
    offer: Offer & { startsAt: Date },
    actor: Actor,
  ): Promise<void> {
    const booked = await this.booking.bookSurnumeraire(
      manager,
      request,
      offer.practitionerId,
      offer.startsAt,
      { source: 'surnumeraire', actor, detail: { offerId: offer.id } },
    );
    if (typeof booked === 'string') throw DomainError.conflict('You can no longer be booked.');
  }

  /** The GP said no, or did not answer in time: the request waits again for a slot. */
  async unanswered(
    manager: EntityManager,
    request: OrientationRequest,
    offer: Offer,
    type: 'offer_declined' | 'offer_expired',
    actor?: Actor,
  ): Promise<void> {
    await this.transitions.move(manager, request, 'pending', {
      type,
      actor,
      detail: { offerId: offer.id, practitionerId: offer.practitionerId, surnumeraire: true },
    });
  }
}
