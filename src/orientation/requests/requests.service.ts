import { Injectable, Logger } from '@nestjs/common';
import { Brackets, EntityManager, SelectQueryBuilder } from 'typeorm';

import type { Caller } from '../../access/role';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/cursor';
import { DomainError } from '../../common/domain-error';
import { parseRfc3339 } from '../../common/paris-time';
import { toE164 } from '../../common/phone';
import { CALL_OPEN_STATUSES } from '../../common/request-status';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { asEntity, queryRows } from '../../database/sql';
import { NotificationsService } from '../../notifications/notifications.service';
import { Person } from '../../people/person.entity';
import { nationalIdOf } from '../../sas/sas-booking.service';
import { CommunesService } from '../../territory/communes.service';
import { sasAppointmentNotifications } from '../orientation-notifications';
import { ReferralService } from '../referral/referral.service';
import { Appointment } from '../urgent/appointment.entity';
import { BookingService } from '../urgent/booking.service';
import { ProposalsService, type SlotChoice } from '../urgent/proposals.service';
import { UrgentMatcher } from '../urgent/urgent-matcher.service';
import { CreateRequestDto } from './dto/create-request.dto';
import { DuplicatesQuery, ListRequestsQuery } from './dto/list-requests.query';
import { OrientationRequest } from './orientation-request.entity';
import { recordHistory } from './request-history';
import { bodyHash, newReference } from './request-identity';
import { canMove } from './request-lifecycle';
import { lockRequest } from './request-lock';
import { RequestTransitions } from './request-transitions.service';
import { practitionerSummary, requestHeadline, RequestView, requestView } from './request-view';
import { findRequestWithParts } from './request-view.queries';

// What other features use of this one.
export { riskHorizon } from '../at-risk';
export { recordHistory } from './request-history';
export { practitionerSummary, requestView } from './request-view';

export interface Filed {
  created: boolean;
  /** With `booking: "propose"`: the slots shown beside the held one. */
  request: RequestView & { alternatives?: SlotChoice[] };
}

const DEFAULT_LIMIT = 50;
const REFERENCE_ATTEMPTS = 5;
const DUPLICATES_SHOWN = 20;
/** A last name as searches compare it: accents and case ignored. */
const LAST_NAME_KEY = 'unaccent(lower(r.patient_last_name))';

/** Matching failed in a filing transaction, which is then rolled back (see `matchAtFiling`). */
class MatchingAtFilingFailed extends Error {
  constructor(readonly reason: string) {
    super(`matching at filing failed: ${reason}`);
  }
}

@Injectable()
export class RequestsService {
  private readonly logger = new Logger(RequestsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly matcher: UrgentMatcher,
    private readonly proposals: ProposalsService,
    private readonly referral: ReferralService,
    private readonly booking: BookingService,
    private readonly transitions: RequestTransitions,
    private readonly notifications: NotificationsService,
  ) {}

  /**
   * Files a request once per idempotency key, then matches it before answering, so that an
   * operator still on the phone hears the appointment. A replay answers the request as it is now.
   */
  async file(caller: Caller, key: string, body: CreateRequestDto): Promise<Filed> {
    if (!this.communes.commune(body.patient.communeCode)) {
      throw DomainError.invalid(
        'patient.communeCode',
        'patient.communeCode is not a known commune',
      );
    }
    if (body.booking === 'propose' && body.kind !== 'urgent') {
      throw DomainError.invalid('booking', 'booking "propose" is for urgent requests only');
    }
    if ((body.practitionerId || body.slotId) && body.booking !== 'propose') {
      throw DomainError.invalid(
        body.slotId ? 'slotId' : 'practitionerId',
        'practitionerId and slotId go with booking "propose" only',
      );
    }
    if (caller.role === 'regulator') {
      if (body.booking !== 'propose' || !body.practitionerId) {
        throw DomainError.invalid(
          body.booking !== 'propose' ? 'booking' : 'practitionerId',
          'a SAS regulator books with booking "propose" and the practitionerId of the link',
        );
      }
    } else if (body.origin !== undefined) {
      throw DomainError.invalid('origin', 'origin is for a SAS regulator only');
    }
    const hash = bodyHash(body);
    try {
      return await this.fileOnce(caller, key, hash, body, true);
    } catch (error) {
      if (!(error instanceof MatchingAtFilingFailed)) throw error;
      const filed = await this.fileOnce(caller, key, hash, body, false);
      this.logger.error(
        { requestId: filed.request.id, err: error.reason },
        'matching at filing failed: filed without it',
      );
      return filed;
    }
  }

  /** One filing transaction, matching the request in it (`match`) or leaving it to the sweep. */
  private fileOnce(
    caller: Caller,
    key: string,
    hash: string,
    body: CreateRequestDto,
    match: boolean,
  ): Promise<Filed> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const inserted = await this.insert(manager, caller, key, hash, body);
      if (!inserted) {
        const existing = await manager.findOneByOrFail(OrientationRequest, { idempotencyKey: key });
        if (existing.bodyHash !== hash) {
          throw DomainError.conflict('This Idempotency-Key was already used with another body.');
        }
        return { created: false, request: await this.viewIn(manager, caller, existing.id) };
      }
      if (body.booking === 'propose') {
        const alternatives = await this.proposals.propose(manager, inserted, caller, {
          practitionerId: body.practitionerId,
          slotId: body.slotId,
        });
        const request = await this.viewIn(manager, caller, inserted.id);
        return { created: true, request: { ...request, alternatives } };
      }
      if (match) await this.matchAtFiling(manager, inserted);
      return { created: true, request: await this.viewIn(manager, caller, inserted.id) };
    });
  }

  /**
   * Matching runs in the filing transaction. Should it fail, `file` rolls the transaction back and
   * files the request again without matching: filed all the same, pending, for the sweep to take
   * up, and the caller gets it. A savepoint would keep the filing in one transaction, at one round
   * trip more for every request.
   */
  private async matchAtFiling(manager: EntityManager, request: OrientationRequest): Promise<void> {
    try {
      if (request.kind === 'urgent') {
        await this.matcher.matchLocked(manager, request, 'created');
      } else {
        await this.referral.offerNext(manager, request, 'created');
      }
    } catch (error) {
      throw new MatchingAtFilingFailed((error as Error).message);
    }
  }

  private async insert(
    manager: EntityManager,
    caller: Caller,
    key: string,
    hash: string,
    body: CreateRequestDto,
  ): Promise<OrientationRequest | undefined> {
    const now = new Date();
    const regulator = await this.regulatorOf(manager, caller, body);
    let row: Record<string, unknown> | undefined;
    // References are short enough to read over the phone, so two may meet: a conflict on the
    // reference (any conflict but the key's) draws another one. No savepoint is needed, nor a
    // round trip more when nothing conflicts; the 'created' history entry rides along.
    for (let attempt = 0; attempt < REFERENCE_ATTEMPTS && !row; attempt++) {
      [row] = await queryRows<Record<string, unknown>>(
        manager,
        `WITH filed AS (
         INSERT INTO orientation_request
         (reference, kind, idempotency_key, body_hash, created_by_token_id, created_by_person_id,
          patient_first_name, patient_last_name, patient_birth_date, patient_phone, patient_email,
          patient_commune_code, referring_practitioner_rpps, reason, accepted_modes, priority_flags,
          created_at, deadline_at, sas_regulator_person_id, sas_regulator_national_id, sas_origin)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
               $19, $20, $21)
       ON CONFLICT DO NOTHING
       RETURNING *
       ), history AS (
         INSERT INTO request_event (request_id, type, actor_token_id, actor_person_id, detail)
         SELECT id, 'created', $5, $6, $22::jsonb FROM filed)
       SELECT * FROM filed`,
        [
          newReference(body.kind, now),
          body.kind,
          key,
          hash,
          caller.tokenId,
          caller.personId,
          body.patient.firstName.trim(),
          body.patient.lastName.trim(),
          body.patient.birthDate,
          body.patient.phone,
          body.patient.email ?? null,
          body.patient.communeCode,
          body.patient.referringPractitionerRpps ?? null,
          body.reason?.trim() ?? '',
          body.acceptedModes ?? ['in_person'],
          body.priorityFlags ?? [],
          now,
          new Date(now.getTime() + this.config.orientationDeadlineMs),
          regulator?.personId ?? null,
          regulator?.nationalId ?? null,
          regulator?.origin ?? null,
          { kind: body.kind, ...(regulator ? { sasRegulator: regulator } : {}) },
        ],
      );
      if (!row && (await manager.existsBy(OrientationRequest, { idempotencyKey: key }))) break;
    }
    if (!row) return undefined;
    // Its history's first entry, 'created', was inserted by the same statement.
    return asEntity(manager, OrientationRequest, row);
  }

  /** A SAS regulator, as the request and its history record them: who, national id, origin. */
  private async regulatorOf(manager: EntityManager, caller: Caller, body: CreateRequestDto) {
    if (caller.role !== 'regulator' || !caller.personId) return undefined;
    const person = await manager.findOneBy(Person, { id: caller.personId });
    if (!person?.rpps) throw DomainError.forbidden('This regulator has no national id.');
    const offered = await manager.existsBy(Practitioner, {
      id: body.practitionerId,
      active: true,
      sasPublication: true,
    });
    if (!offered) {
      throw DomainError.invalid('practitionerId', 'this GP does not offer urgent slots to the SAS');
    }
    return {
      personId: person.id,
      nationalId: nationalIdOf(person.rpps),
      origin: body.origin?.trim() || null,
    };
  }

  /** A request with its appointment, assignment and history; a practitioner sees only theirs. */
  view(caller: Caller, id: string): Promise<RequestView> {
    return this.db.tenant(caller.cptsId, (manager) => this.viewIn(manager, caller, id));
  }

  private async viewIn(manager: EntityManager, caller: Caller, id: string): Promise<RequestView> {
    const request = await findRequestWithParts(manager, id);
    if (!request) throw DomainError.notFound('Request');
    const { booked: appointment, assignee, history } = request;
    if (caller.role === 'regulator' && request.sasRegulatorPersonId !== caller.personId) {
      throw DomainError.notFound('Request');
    }
    if (caller.role === 'practitioner') {
      const mine =
        appointment?.practitionerId === caller.practitionerId ||
        request.assignedPractitionerId === caller.practitionerId;
      if (!mine)
        throw DomainError.forbidden(
          'A practitioner sees only the requests booked or assigned to them.',
        );
    }
    return requestView(request, {
      proposal: request.status === 'held' ? await this.proposals.proposal(manager, id) : undefined,
      appointment: appointment && {
        row: appointment,
        practitioner: this.summary(appointment.practitioner),
      },
      assignee: assignee && this.summary(assignee),
      history,
    });
  }

  /**
   * Requests, newest first; `open` ones by nearest deadline. `q` finds a reference, a phone number
   * in any French form, or the start of a last name (accents and case ignored).
   */
  list(caller: Caller, query: ListRequestsQuery) {
    if (query.mine && !caller.personId) {
      throw DomainError.invalid('mine', 'mine=true needs a signed-in person');
    }
    const limit = query.limit ?? DEFAULT_LIMIT;
    const after = decodeTimeIdCursor(query.cursor);
    // Deadlines may be written by SQL with microseconds; cursors carry milliseconds.
    const sortColumn = query.open ? `date_trunc('milliseconds', r.deadline_at)` : 'r.created_at';
    return this.db.tenant(caller.cptsId, async (manager) => {
      const builder = manager
        .createQueryBuilder(OrientationRequest, 'r')
        .orderBy(sortColumn, query.open ? 'ASC' : 'DESC')
        .addOrderBy('r.id', query.open ? 'ASC' : 'DESC')
        .take(limit + 1);
      if (query.status) builder.andWhere('r.status = :status', { status: query.status });
      if (query.kind) builder.andWhere('r.kind = :kind', { kind: query.kind });
      if (query.communeCode)
        builder.andWhere('r.patient_commune_code = :commune', { commune: query.communeCode });
      if (query.from) builder.andWhere('r.created_at >= :from', { from: parseRfc3339(query.from) });
      if (query.to) builder.andWhere('r.created_at < :to', { to: parseRfc3339(query.to) });
      if (query.mine)
        builder.andWhere('r.created_by_person_id = :person', { person: caller.personId });
      if (query.open) builder.andWhere('r.status IN (:...open)', { open: [...CALL_OPEN_STATUSES] });
      if (query.q) this.search(builder, query.q);
      if (after) {
        builder.andWhere(`(${sortColumn}, r.id) ${query.open ? '>' : '<'} (:at, :id)`, {
          at: after.at,
          id: after.id,
        });
      }
      const rows = await builder.getMany();
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      const lastKey = last && (query.open ? last.deadlineAt : last.createdAt);
      return {
        items: page.map((request) => requestView(request)),
        nextCursor: rows.length > limit && last ? encodeTimeIdCursor(lastKey, last.id) : null,
      };
    });
  }

  private search(builder: SelectQueryBuilder<OrientationRequest>, q: string): void {
    const text = q.trim();
    const phone = toE164(text);
    builder.andWhere(
      new Brackets((where) => {
        where
          .where('r.reference = :reference', { reference: text.toUpperCase() })
          .orWhere(`${LAST_NAME_KEY} LIKE unaccent(lower(:prefix)) || '%'`, {
            prefix: text.replace(/[\\%_]/g, '\\$&'),
          });
        if (phone) where.orWhere('r.patient_phone = :phone', { phone });
      }),
    );
  }

  /** Open requests that may be the same patient's: the same phone, or last name and birth date. */
  duplicates(caller: Caller, query: DuplicatesQuery) {
    const byIdentity = query.lastName !== undefined && query.birthDate !== undefined;
    if (query.lastName !== undefined && query.birthDate === undefined)
      throw DomainError.invalid('birthDate', 'birthDate goes with lastName');
    if (query.birthDate !== undefined && query.lastName === undefined)
      throw DomainError.invalid('lastName', 'lastName goes with birthDate');
    if (query.phone === undefined && !byIdentity)
      throw DomainError.invalid('phone', 'give phone, or lastName and birthDate');
    return this.db.tenant(caller.cptsId, async (manager) => {
      const rows = await manager
        .createQueryBuilder(OrientationRequest, 'r')
        .where('r.status IN (:...open)', { open: [...CALL_OPEN_STATUSES] })
        .andWhere(
          new Brackets((where) => {
            if (query.phone) where.orWhere('r.patient_phone = :phone', { phone: query.phone });
            if (byIdentity)
              where.orWhere(
                `${LAST_NAME_KEY} = unaccent(lower(:lastName)) AND r.patient_birth_date = :birthDate`,
                { lastName: query.lastName!.trim(), birthDate: query.birthDate },
              );
          }),
        )
        .orderBy('r.created_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .take(DUPLICATES_SHOWN)
        .getMany();
      return {
        items: rows.map((request) => ({
          ...requestHeadline(request),
          patient: {
            firstName: request.patientFirstName,
            lastInitial: request.patientLastName.charAt(0).toUpperCase(),
          },
        })),
      };
    });
  }

  /** Cancels an open or booked request; a freed slot goes at once to the requests waiting for one. */
  async cancel(caller: Caller, id: string, reason: string): Promise<RequestView> {
    await this.db.tenant(caller.cptsId, async (manager) => {
      const request = await this.lock(manager, id);
      if (!canMove(request.status, 'cancelled')) {
        throw DomainError.conflict(`A ${request.status} request cannot be cancelled.`);
      }
      const released = await this.booking.release(manager, request);
      await this.referral.withdraw(manager, request.id);
      await this.transitions.move(manager, request, 'cancelled', {
        changes: { closedAt: new Date() },
        actor: caller,
        detail: { reason, releasedSlotId: released?.slotId ?? undefined },
      });
    });
    return this.view(caller, id);
  }

  /** Books the held slot, or an alternative still free (propose, then confirm). */
  async confirm(caller: Caller, id: string, slotId: string | undefined): Promise<RequestView> {
    await this.db.tenant(caller.cptsId, async (manager) =>
      this.proposals.confirm(manager, await this.lock(manager, id, caller), slotId, caller),
    );
    return this.view(caller, id);
  }

  /** Gives a held slot back to the live table; the request waits again. */
  async release(caller: Caller, id: string): Promise<RequestView> {
    await this.db.tenant(caller.cptsId, async (manager) =>
      this.proposals.release(manager, await this.lock(manager, id, caller), caller),
    );
    return this.view(caller, id);
  }

  async recordOutcome(
    caller: Caller,
    id: string,
    outcome: 'honoured' | 'no_show',
  ): Promise<RequestView> {
    await this.db.tenant(caller.cptsId, async (manager) => {
      const request = await this.lock(manager, id);
      const appointment = await manager.findOneBy(Appointment, { requestId: id, status: 'booked' });
      if (caller.role === 'practitioner' && appointment?.practitionerId !== caller.practitionerId) {
        throw DomainError.forbidden(
          'Only the practitioner of the appointment may record its outcome.',
        );
      }
      if (!appointment)
        throw DomainError.conflict(`A ${request.status} request has no appointment to record.`);
      await manager.update(Appointment, { id: appointment.id }, { outcome });
      await this.notifications.request(
        manager,
        sasAppointmentNotifications(request, appointment.id, outcome),
      );
      await recordHistory(manager, id, {
        type: 'outcome',
        actor: caller,
        fromStatus: request.status,
        detail: { outcome },
      });
    });
    return this.view(caller, id);
  }

  /** A SAS regulator reaches only the requests they filed themselves; others do not exist. */
  private async lock(
    manager: EntityManager,
    id: string,
    caller?: Caller,
  ): Promise<OrientationRequest> {
    const request = await lockRequest(manager, id);
    if (caller?.role === 'regulator' && request.sasRegulatorPersonId !== caller.personId) {
      throw DomainError.notFound('Request');
    }
    return request;
  }

  private summary(practitioner: Practitioner) {
    return practitionerSummary(practitioner, this.communes.name(practitioner.communeCode));
  }
}
