import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { Actor } from '../../access/role';
import { type PractitionerLink, SignInLinksService } from '../../auth/sign-in-links.service';
import {
  AvailabilityEvents,
  eventsStatement,
} from '../../availability/live/availability-events.service';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { Slot } from '../../availability/slots/slot.entity';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { asEntity, queryRows, type Statement } from '../../database/sql';
import { NotificationsService } from '../../notifications/notifications.service';
import { ensurePractitionerPeopleSql } from '../../people/people.service';
import { CommunesService } from '../../territory/communes.service';
import {
  bookingNotifications,
  cancellationNotifications,
  sasAppointmentNotifications,
} from '../orientation-notifications';
import { bookedThisWeekSql } from '../recent-bookings';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { RequestTransitions } from '../requests/request-transitions.service';
import { Appointment, AppointmentSource } from './appointment.entity';
import { SlotHold } from './slot-hold.entity';

export interface BookingOptions {
  source: AppointmentSource;
  actor?: Actor | null;
  /** A coordinator may book past the weekly cap; matching never does. */
  ignoreCap?: boolean;
  /**
   * When another transaction is booking this practitioner, answer `practitioner_busy` at once
   * instead of queueing behind it (matching then tries its next candidate).
   */
  skipBusy?: boolean;
  detail?: Record<string, unknown>;
  /** The caller's writes to make with the booking, if it books (`runTogether`). */
  also?: Statement[];
}

export type BookingRefusal =
  'practitioner_unavailable' | 'practitioner_busy' | 'cap_reached' | 'slot_taken';

type SlotTimes = Pick<Slot, 'startsAt' | 'endsAt' | 'mode'>;
type FreedSlot = SlotTimes & Pick<Slot, 'practitionerId'> & { slotId: string };

/**
 * Books and releases urgent appointments. Locks are always taken in the same order (request,
 * then practitioner, then slot) so that concurrent bookings queue instead of deadlocking; the
 * database's partial unique indexes refuse a second booking of a slot or a request regardless.
 */
@Injectable()
export class BookingService {
  constructor(
    private readonly config: AppConfig,
    private readonly events: AvailabilityEvents,
    private readonly notifications: NotificationsService,
    private readonly communes: CommunesService,
    private readonly transitions: RequestTransitions,
    private readonly links: SignInLinksService,
  ) {}

  /**
   * Books a free slot of a practitioner for a locked, open request. Returns the refusal when the
   * slot or the practitioner cannot take it; the caller rolls back to its savepoint and tries the
   * next one.
   */
  async bookSlot(
    manager: EntityManager,
    request: OrientationRequest,
    { slotId, practitionerId }: { slotId: string; practitionerId: string },
    options: BookingOptions,
  ): Promise<Appointment | BookingRefusal> {
    const practitioner = await this.lockPractitioner(manager, practitionerId, options.skipBusy);
    if (practitioner === 'busy') return 'practitioner_busy';
    if (!practitioner) return 'practitioner_unavailable';
    const minStart = new Date(Date.now() + this.config.minLeadTimeMs);
    // The weekly cap counted, the slot taken and the appointment written in one statement, after
    // the practitioner's lock: its snapshot sees every booking of theirs committed before. The
    // practitioner's person, whom the booking's message links to, is made or brought in step
    // there too (undone with the rest if the caller rolls a refusal back).
    const [row] = await queryRows<Record<string, unknown> & { cap_reached: boolean }>(
      manager,
      `WITH person AS (${ensurePractitionerPeopleSql('p.id = $2::uuid')}),
       cap AS (
         SELECT $6::int IS NOT NULL AND count(*) >= $6::int AS reached
           FROM appointment a WHERE a.practitioner_id = $2 AND ${bookedThisWeekSql('a')}),
       taken AS (
         UPDATE slot SET status = 'booked'
          WHERE id = $1 AND practitioner_id = $2 AND status = 'free' AND starts_at >= $3
            AND NOT (SELECT reached FROM cap)
          RETURNING id, starts_at, ends_at, mode),
       booked AS (
         INSERT INTO appointment (request_id, practitioner_id, slot_id, starts_at, ends_at, mode, source)
         SELECT $4::uuid, $2, id, starts_at, ends_at, mode, $5::text FROM taken
         RETURNING *)
       SELECT cap.reached AS cap_reached, booked.* FROM cap LEFT JOIN booked ON true`,
      [
        slotId,
        practitionerId,
        minStart,
        request.id,
        options.source,
        options.ignoreCap ? null : practitioner.weeklyUrgentCap,
      ],
    );
    if (row.cap_reached) return 'cap_reached';
    if (row.id === null) return 'slot_taken';
    const appointment = asEntity(manager, Appointment, row);
    const booked = eventsStatement('slot.booked', [
      {
        slotId,
        practitionerId: practitioner.id,
        startsAt: toParisIso(appointment.startsAt),
        endsAt: toParisIso(appointment.endsAt),
        mode: appointment.mode,
      },
    ]);
    const link = await this.links.ensuredPractitionerLink(practitioner, BOOKED_LINK_PAGE);
    await this.confirm(manager, request, appointment, practitioner, link, {
      ...options,
      also: [booked, ...(options.also ?? [])],
    });
    return appointment;
  }

  /**
   * Sets a free slot aside for a request until `hold.expiresAt`: it leaves the live table, and
   * nobody else can hold or book it. Undefined when another request took it meanwhile.
   */
  async hold(
    manager: EntityManager,
    request: OrientationRequest,
    { slotId, practitionerId }: { slotId: string; practitionerId: string },
    hold: Pick<SlotHold, 'expiresAt' | 'why' | 'distanceKm'>,
  ): Promise<SlotTimes | undefined> {
    const minStart = new Date(Date.now() + this.config.minLeadTimeMs);
    const [slot] = await queryRows<SlotTimes>(
      manager,
      `UPDATE slot SET status = 'held'
        WHERE id = $1 AND practitioner_id = $2 AND status = 'free' AND starts_at >= $3
        RETURNING starts_at AS "startsAt", ends_at AS "endsAt", mode`,
      [slotId, practitionerId, minStart],
    );
    if (!slot) return undefined;
    await manager.insert(SlotHold, { ...hold, requestId: request.id, slotId });
    await this.events.record(manager, 'slot.held', {
      slotId,
      practitionerId,
      startsAt: toParisIso(slot.startsAt),
      endsAt: toParisIso(slot.endsAt),
      mode: slot.mode,
    });
    return slot;
  }

  /**
   * Gives a request's held slot back to the live table (released, or expired), announced as
   * released; the request's status is the caller's to change.
   */
  async freeHeldSlot(manager: EntityManager, requestId: string): Promise<FreedSlot | undefined> {
    const [freed] = await queryRows<FreedSlot>(
      manager,
      `WITH hold AS (DELETE FROM slot_hold WHERE request_id = $1 RETURNING slot_id)
       UPDATE slot s SET status = 'free' FROM hold WHERE s.id = hold.slot_id
       RETURNING s.id AS "slotId", s.practitioner_id AS "practitionerId",
                 s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.mode`,
      [requestId],
    );
    if (freed) {
      await this.events.record(manager, 'slot.released', {
        slotId: freed.slotId,
        practitionerId: freed.practitionerId,
        startsAt: toParisIso(freed.startsAt),
        endsAt: toParisIso(freed.endsAt),
        mode: freed.mode,
      });
    }
    return freed;
  }

  /**
   * Makes a request's own, unexpired hold on a slot bookable again, inside this transaction: the
   * slot stays locked by it, so `bookSlot` then books it before anyone else can see it free.
   */
  async takeBackHold(manager: EntityManager, requestId: string, slotId: string): Promise<boolean> {
    const [taken] = await queryRows<{ id: string }>(
      manager,
      `WITH hold AS (DELETE FROM slot_hold
                      WHERE request_id = $1 AND slot_id = $2 AND expires_at > now()
                      RETURNING slot_id)
       UPDATE slot s SET status = 'free' FROM hold WHERE s.id = hold.slot_id RETURNING s.id`,
      [requestId, slotId],
    );
    return Boolean(taken);
  }

  /** An appointment outside published slots, agreed with the practitioner by phone. */
  async bookSurnumeraire(
    manager: EntityManager,
    request: OrientationRequest,
    practitionerId: string,
    startsAt: Date,
    options: BookingOptions,
  ): Promise<Appointment | BookingRefusal> {
    const practitioner = await this.lockPractitioner(manager, practitionerId);
    if (!practitioner || practitioner === 'busy') return 'practitioner_unavailable';
    const appointment = await manager.save(
      manager.create(Appointment, {
        requestId: request.id,
        practitionerId,
        slotId: null,
        startsAt,
        endsAt: new Date(startsAt.getTime() + SURNUMERAIRE_LENGTH_MS),
        mode: practitioner.modes.includes('in_person') ? 'in_person' : practitioner.modes[0],
        source: 'surnumeraire',
      }),
    );
    const link = await this.links.practitionerLink(manager, practitioner.id, BOOKED_LINK_PAGE);
    await this.confirm(manager, request, appointment, practitioner, link, options);
    return appointment;
  }

  /**
   * Cancels a booked appointment, or gives back a held slot; the slot is free again and announced
   * as released.
   */
  async release(
    manager: EntityManager,
    request: OrientationRequest,
  ): Promise<Pick<Appointment, 'slotId'> | undefined> {
    if (request.status === 'held') return this.freeHeldSlot(manager, request.id);
    const appointment = await manager.findOne(Appointment, {
      where: { requestId: request.id, status: 'booked' },
      lock: { mode: 'pessimistic_write' },
    });
    if (!appointment) return undefined;
    const practitioner = await manager.findOneOrFail(Practitioner, {
      where: { id: appointment.practitionerId },
      lock: { mode: 'pessimistic_write' },
    });
    await manager.update(
      Appointment,
      { id: appointment.id },
      { status: 'cancelled', cancelledAt: new Date() },
    );
    if (appointment.slotId) {
      await manager.update(Slot, { id: appointment.slotId }, { status: 'free' });
      await this.events.record(manager, 'slot.released', {
        slotId: appointment.slotId,
        practitionerId: practitioner.id,
        startsAt: toParisIso(appointment.startsAt),
        endsAt: toParisIso(appointment.endsAt),
        mode: appointment.mode,
      });
    }
    await this.notifications.cancelPending(manager, request.id, 'patient.reminder');
    const signInLinkId = await this.links.forPractitioner(manager, practitioner.id, '/medecin');
    await this.notifications.request(manager, [
      ...sasAppointmentNotifications(request, appointment.id, 'cancelled'),
      ...cancellationNotifications(request, appointment, practitioner, signInLinkId),
    ]);
    return appointment;
  }

  /**
   * The practitioner's row lock serialises their bookings, so that the weekly cap is counted right.
   * With `skipBusy`, a row locked by another booking is not waited for: 'busy'. Raw SQL rather than
   * `findOne`, whose query builder cost the service about twice as much CPU for the same statement
   * on every booking.
   */
  private async lockPractitioner(
    manager: EntityManager,
    id: string,
    skipBusy = false,
  ): Promise<Practitioner | 'busy' | undefined> {
    const [row] = await queryRows<Record<string, unknown>>(
      manager,
      skipBusy
        ? 'SELECT * FROM practitioner WHERE id = $1 FOR UPDATE SKIP LOCKED'
        : 'SELECT * FROM practitioner WHERE id = $1 FOR UPDATE',
      [id],
    );
    if (!row) return skipBusy ? 'busy' : undefined;
    const practitioner = asEntity(manager, Practitioner, row);
    return practitioner.active ? practitioner : undefined;
  }

  /** The request booked: its change, history, messages, link and `also` in one statement. */
  private async confirm(
    manager: EntityManager,
    request: OrientationRequest,
    appointment: Appointment,
    practitioner: Practitioner,
    link: PractitionerLink,
    options: BookingOptions,
  ): Promise<void> {
    const communeName = this.communes.name(practitioner.communeCode);
    await this.transitions.move(manager, request, 'booked', {
      changes: { closedAt: new Date() },
      actor: options.actor,
      detail: {
        appointmentId: appointment.id,
        practitionerId: practitioner.id,
        slotId: appointment.slotId,
        startsAt: toParisIso(appointment.startsAt),
        source: options.source,
        ...options.detail,
      },
      also: [...(options.also ?? []), link.insert],
      notify: (booked) => [
        ...sasAppointmentNotifications(booked, appointment.id, 'created'),
        ...bookingNotifications({
          request: booked,
          appointment,
          practitioner,
          communeName,
          now: new Date(),
          signInLinkId: link.id,
        }),
      ],
    });
  }
}

const SURNUMERAIRE_LENGTH_MS = 20 * 60_000;
/** Where the link in the GP's message about a booking opens their space. */
const BOOKED_LINK_PAGE = '/medecin#patients';
