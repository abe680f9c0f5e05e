import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';

import type { Actor, Caller } from '../../access/role';
import { SignInLinksService } from '../../auth/sign-in-links.service';
import { AvailabilityEvents } from '../../availability/live/availability-events.service';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { acceptingNowSql } from '../../availability/practitioners/practitioners.service';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/cursor';
import { DomainError } from '../../common/domain-error';
import type { Page } from '../../common/list-query.dto';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { NotificationsService } from '../../notifications/notifications.service';
import { CommunesService } from '../../territory/communes.service';
import { decisionCandidates } from '../decision-candidates';
import { MatchingDecision } from '../matching-decision.entity';
import { assignmentNotifications, offerNotifications } from '../orientation-notifications';
import type { OffersQuery } from '../requests/dto/list-requests.query';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { recordHistory } from '../requests/request-history';
import { ageOn } from '../requests/request-identity';
import { lockRequest } from '../requests/request-lock';
import { RequestTransitions } from '../requests/request-transitions.service';
import {
  Located,
  patientPlace,
  PRACTICE_CENTRE_JOIN,
  practicePlace,
} from '../urgent/practice-places';
import { SurnumeraireAsks } from '../urgent/surnumeraire-asks.service';
import { OfferView } from './dto/offer.view';
import { Offer } from './offer.entity';
import { AcceptingPractitioner, rankReferral } from './referral-ranking';

interface AcceptingRow extends Located {
  practitionerId: string;
  openPlaces: number;
  pendingOffers: number;
  ageMin: number | null;
  ageMax: number | null;
  communeCodes: string[] | null;
}

/** `WHERE` completed with the capacity expiry (see acceptingNowSql). */
const ACCEPTING_SQL = `
  SELECT p.id AS "practitionerId", p.commune_code AS "communeCode", p.latitude, p.longitude,
         c.latitude AS "centreLatitude", c.longitude AS "centreLongitude", p.open_places AS "openPlaces", p.age_min AS "ageMin", p.age_max AS "ageMax",
         p.capacity_commune_codes AS "communeCodes",
         (SELECT count(*)::int FROM offer o WHERE o.practitioner_id = p.id AND o.status = 'pending') AS "pendingOffers"
    FROM practitioner p
    ${PRACTICE_CENTRE_JOIN}
   WHERE p.active AND p.open_places > 0 AND `;

export { OfferView };

/**
 * The referring-physician protocol: one accepting practitioner asked at a time, for OFFER_TTL;
 * acceptance takes one open place, atomically, never below zero.
 */
@Injectable()
export class ReferralService {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly events: AvailabilityEvents,
    private readonly notifications: NotificationsService,
    private readonly transitions: RequestTransitions,
    private readonly links: SignInLinksService,
    private readonly surnumeraire: SurnumeraireAsks,
  ) {}

  /** Asks the next candidate about a locked request; returns whether someone was asked. */
  async offerNext(
    manager: EntityManager,
    request: OrientationRequest,
    trigger: string,
  ): Promise<boolean> {
    const now = new Date();
    const asked = await manager.find(Offer, {
      where: { requestId: request.id },
      select: { practitionerId: true },
    });
    const rows = await queryRows<AcceptingRow>(
      manager,
      ACCEPTING_SQL + acceptingNowSql('p', this.config.capacityConfirmEveryMs),
    );
    const patient = await patientPlace(this.communes, manager, request.patientCommuneCode);
    const candidates: AcceptingPractitioner[] = rows.map((row) => ({
      ...row,
      practice: practicePlace(this.communes.commune(row.communeCode), row),
    }));
    const ranked = rankReferral(
      candidates,
      { place: patient, age: ageOn(request.patientBirthDate, now) },
      new Set(asked.map((offer) => offer.practitionerId)),
    );
    const chosen = ranked[0];
    const routine = trigger === 'supply' || trigger === 'sweep';
    if (chosen || !routine)
      await manager.insert(MatchingDecision, {
        requestId: request.id,
        trigger,
        outcome: chosen ? 'offered' : 'none',
        explanation: chosen
          ? `nearest accepting practitioner not yet asked, with ${chosen.openPlaces - chosen.pendingOffers} place(s) free`
          : 'no accepting practitioner left to ask',
        candidates: decisionCandidates(ranked, (candidate) => ({
          practitionerId: candidate.practitionerId,
          proximity: candidate.proximity.tier,
          distanceKm:
            candidate.proximity.km === null ? null : Number(candidate.proximity.km.toFixed(2)),
          openPlaces: candidate.openPlaces,
          pendingOffers: candidate.pendingOffers,
        })),
      });
    if (!chosen) {
      if (request.status === 'offered') {
        await this.transitions.move(manager, request, 'pending', {
          type: 'nobody_left_to_ask',
          detail: { trigger },
        });
      }
      return false;
    }
    const expiresAt = new Date(now.getTime() + this.config.offerTtlMs);
    const offer = await manager.save(
      manager.create(Offer, {
        requestId: request.id,
        practitionerId: chosen.practitionerId,
        expiresAt,
      }),
    );
    const offered = {
      type: 'offered',
      detail: {
        offerId: offer.id,
        practitionerId: chosen.practitionerId,
        expiresAt: toParisIso(expiresAt),
        trigger,
      },
    };
    // A request asked again keeps its status: still offered, or unmet on the waiting list.
    if (request.status === 'pending')
      await this.transitions.move(manager, request, 'offered', offered);
    else await recordHistory(manager, request.id, { ...offered, fromStatus: request.status });
    const practitioner = await manager.findOneByOrFail(Practitioner, { id: chosen.practitionerId });
    const signInLinkId = await this.links.forPractitioner(manager, practitioner.id, '/medecin');
    await this.notifications.request(
      manager,
      offerNotifications(
        request,
        practitioner,
        this.communes.name(request.patientCommuneCode),
        expiresAt,
        signInLinkId,
        now,
      ),
    );
    return true;
  }

  /**
   * A practitioner's offers, newest first. created_at keeps microseconds but a cursor, like the
   * API, holds milliseconds: the list sorts on the millisecond (then the id) so that the last key
   * of a page is exact and no offer of the same millisecond is skipped.
   */
  listForPractitioner(
    caller: Caller,
    practitionerId: string,
    query: OffersQuery,
  ): Promise<Page<OfferView>> {
    const after = decodeTimeIdCursor(query.cursor);
    return this.db.tenant(caller.cptsId, async (manager) => {
      if (!(await manager.existsBy(Practitioner, { id: practitionerId })))
        throw DomainError.notFound('Practitioner');
      const createdAt = `date_trunc('milliseconds', o.created_at)`;
      const builder = manager
        .createQueryBuilder(Offer, 'o')
        .where('o.practitioner_id = :practitionerId', { practitionerId })
        .orderBy(createdAt, 'DESC')
        .addOrderBy('o.id', 'DESC')
        .limit(query.limit + 1);
      if (query.status) builder.andWhere('o.status = :status', { status: query.status });
      if (after) builder.andWhere(`(${createdAt}, o.id) < (:at, :id)`, after);
      const rows = await builder.getMany();
      const offers = rows.slice(0, query.limit);
      const last = offers[offers.length - 1];
      const requests = await manager.findBy(OrientationRequest, {
        id: In(offers.map((offer) => offer.requestId)),
      });
      const byId = new Map(requests.map((request) => [request.id, request]));
      const now = new Date();
      const items = offers.map((offer): OfferView => {
        const request = byId.get(offer.requestId)!;
        return {
          id: offer.id,
          requestId: offer.requestId,
          practitionerId: offer.practitionerId,
          status: offer.status,
          createdAt: toParisIso(offer.createdAt),
          expiresAt: toParisIso(offer.expiresAt),
          startsAt: offer.startsAt ? toParisIso(offer.startsAt) : undefined,
          patient: {
            firstName: request.patientFirstName,
            initial: request.patientLastName.slice(0, 1).toUpperCase(),
            age: ageOn(request.patientBirthDate, now),
            communeCode: request.patientCommuneCode,
            communeName: this.communes.name(request.patientCommuneCode),
            priorityFlags: request.priorityFlags,
          },
        };
      });
      return {
        items,
        nextCursor:
          rows.length > query.limit && last ? encodeTimeIdCursor(last.createdAt, last.id) : null,
      };
    });
  }

  accept(caller: Caller, offerId: string): Promise<{ requestId: string; status: string }> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const { request, offer } = await this.lockAnswerable(manager, caller, offerId);
      await manager.update(Offer, { id: offer.id }, { status: 'accepted', answeredAt: new Date() });
      if (offer.startsAt) {
        await this.surnumeraire.accepted(
          manager,
          request,
          { ...offer, startsAt: offer.startsAt },
          caller,
        );
        return { requestId: request.id, status: 'booked' };
      }
      const assigned = await this.assign(manager, request, offer.practitionerId, {
        actor: caller,
        detail: { offerId: offer.id },
      });
      if (!assigned) throw DomainError.conflict('No open place is left for a new patient.');
      return { requestId: request.id, status: 'assigned' };
    });
  }

  /**
   * Makes a practitioner the patient's referring physician, taking one open place; false when
   * none is left. A coordinator's assignment (agreed by phone) may go ahead without a place.
   */
  async assign(
    manager: EntityManager,
    request: OrientationRequest,
    practitionerId: string,
    audit: { actor: Actor; detail: Record<string, unknown>; withoutPlace?: boolean },
  ): Promise<boolean> {
    const [capacity] = await queryRows<{ openPlaces: number; accepting: boolean }>(
      manager,
      `UPDATE practitioner SET open_places = GREATEST(open_places - 1, 0), capacity_updated_at = now()
        WHERE id = $1 AND (open_places > 0 OR $2)
        RETURNING open_places AS "openPlaces", accepting_new_patients AS "accepting"`,
      [practitionerId, audit.withoutPlace ?? false],
    );
    if (!capacity) return false;
    const now = new Date();
    const assigned = await this.transitions.move(manager, request, 'assigned', {
      changes: { assignedPractitionerId: practitionerId, assignedAt: now, closedAt: now },
      actor: audit.actor,
      detail: { practitionerId, late: request.late, ...audit.detail },
    });
    await this.events.record(manager, 'capacity.updated', {
      practitionerId,
      accepting: capacity.accepting,
      openPlaces: capacity.openPlaces,
      updatedAt: toParisIso(now),
    });
    const practitioner = await manager.findOneByOrFail(Practitioner, { id: practitionerId });
    await this.notifications.request(
      manager,
      assignmentNotifications(assigned, practitioner, this.communes.name(practitioner.communeCode)),
    );
    return true;
  }

  decline(
    caller: Caller,
    offerId: string,
    reason?: string,
  ): Promise<{ requestId: string; status: string }> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const { request, offer } = await this.lockAnswerable(manager, caller, offerId);
      await manager.update(
        Offer,
        { id: offer.id },
        { status: 'declined', answeredAt: new Date(), declineReason: reason ?? null },
      );
      if (offer.startsAt) {
        await this.surnumeraire.unanswered(manager, request, offer, 'offer_declined', caller);
        return { requestId: request.id, status: 'pending' };
      }
      await recordHistory(manager, request.id, {
        type: 'offer_declined',
        actor: caller,
        fromStatus: request.status,
        detail: { offerId: offer.id, practitionerId: offer.practitionerId },
      });
      await this.offerNext(manager, request, 'declined');
      const { status } = await manager.findOneByOrFail(OrientationRequest, { id: request.id });
      return { requestId: request.id, status };
    });
  }

  /** Expires a pending offer past its time and asks the next candidate. */
  expire(cptsId: string, offerId: string): Promise<void> {
    return this.db.tenant(cptsId, async (manager) => {
      const found = await manager.findOneBy(Offer, { id: offerId });
      if (!found) return;
      const request = await lockRequest(manager, found.requestId);
      const offer = await manager.findOne(Offer, {
        where: { id: offerId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!offer || offer.status !== 'pending' || offer.expiresAt > new Date()) return;
      await manager.update(Offer, { id: offer.id }, { status: 'expired' });
      if (offer.startsAt) {
        return this.surnumeraire.unanswered(manager, request, offer, 'offer_expired');
      }
      await recordHistory(manager, request.id, {
        type: 'offer_expired',
        fromStatus: request.status,
        detail: { offerId: offer.id, practitionerId: offer.practitionerId },
      });
      await this.offerNext(manager, request, 'offer_expired');
    });
  }

  /** Withdraws the pending offer of a request that is closed another way. */
  async withdraw(manager: EntityManager, requestId: string): Promise<void> {
    await manager.update(
      Offer,
      { requestId, status: 'pending' },
      { status: 'withdrawn', answeredAt: new Date() },
    );
  }

  private async lockAnswerable(manager: EntityManager, caller: Caller, offerId: string) {
    const found = await manager.findOneBy(Offer, { id: offerId });
    if (!found) throw DomainError.notFound('Offer');
    if (caller.practitionerId !== found.practitionerId) {
      throw DomainError.forbidden('Only the practitioner asked may answer this offer.');
    }
    const request = await lockRequest(manager, found.requestId);
    const offer = await manager.findOneOrFail(Offer, {
      where: { id: offerId },
      lock: { mode: 'pessimistic_write' },
    });
    if (offer.status !== 'pending')
      throw DomainError.conflict(`The offer was already ${offer.status}.`);
    if (offer.expiresAt <= new Date()) throw DomainError.conflict('The offer has expired.');
    return { request, offer };
  }
}
