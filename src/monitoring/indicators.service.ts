import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import type { Caller } from '../access/role';
import { STALE_AFTER_DAYS } from '../availability/nudges/availability-nudges.service';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { CommunesService } from '../territory/communes.service';
import type { SupplyFacts } from './indicators';
import { computeIndicators, type Indicators, type Period, type RequestFact } from './indicators';

const DAY_MS = 86_400_000;

/**
 * The requests filed in the period, and when their first appointment was made. Appointments of
 * those requests are all made after the period starts, which bounds the scan without an index.
 */
const REQUEST_FACTS_SQL = `
  WITH first_appointment AS (
    SELECT DISTINCT ON (request_id) request_id, created_at, starts_at
      FROM appointment WHERE created_at >= $1 ORDER BY request_id, created_at),
  current_appointment AS (
    SELECT request_id, outcome FROM appointment WHERE status = 'booked' AND created_at >= $1)
  SELECT r.kind, r.status, r.unmet_reason AS "unmetReason",
         r.patient_commune_code AS "communeCode", r.created_at AS "createdAt",
         r.assigned_at AS "assignedAt", r.late,
         f.created_at AS "firstBookedAt", f.starts_at AS "firstStartsAt", c.outcome
    FROM orientation_request r
    LEFT JOIN first_appointment f ON f.request_id = r.id
    LEFT JOIN current_appointment c ON c.request_id = r.id
   WHERE r.created_at >= $1 AND r.created_at < $2`;

const OFFERS_SQL = `
  SELECT status, count(*)::int AS count FROM offer
   WHERE created_at >= $1 AND created_at < $2 GROUP BY status`;

const SLOTS_SQL = `
  SELECT count(*)::int AS published,
         count(*) FILTER (WHERE status = 'booked')::int AS booked,
         count(DISTINCT practitioner_id)::int AS participating
    FROM slot WHERE starts_at >= $1 AND starts_at < $2`;

const PRACTITIONERS_SQL = `
  SELECT count(*)::int AS active,
         count(*) FILTER (WHERE COALESCE(availability_updated_at, created_at) < $1)::int AS stale
    FROM practitioner WHERE active`;

const NOTIFICATIONS_SQL = `
  SELECT status, count(*)::int AS count FROM notification
   WHERE created_at >= $1 AND created_at < $2 GROUP BY status`;

interface StatusCount {
  status: string;
  count: number;
}

/** Reads the period's facts with SQL aggregations; `computeIndicators` does the arithmetic. */
@Injectable()
export class IndicatorsService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
  ) {}

  compute(caller: Caller, period: Period): Promise<Indicators> {
    return this.db.tenant(caller.cptsId, async (manager) => {
      const requests = await queryRows<RequestFact>(manager, REQUEST_FACTS_SQL, [
        period.from,
        period.to,
      ]);
      const supply = await this.supply(manager, period);
      return computeIndicators(
        period,
        requests,
        supply,
        (code) => this.communes.commune(code)?.name ?? null,
      );
    });
  }

  private async supply(manager: EntityManager, { from, to }: Period): Promise<SupplyFacts> {
    const offers = await queryRows<StatusCount>(manager, OFFERS_SQL, [from, to]);
    const [slots] = await queryRows<{ published: number; booked: number; participating: number }>(
      manager,
      SLOTS_SQL,
      [from, to],
    );
    const asOf = Math.min(to.getTime(), Date.now());
    const [practitioners] = await queryRows<{ active: number; stale: number }>(
      manager,
      PRACTITIONERS_SQL,
      [new Date(asOf - STALE_AFTER_DAYS * DAY_MS)],
    );
    const notifications = await queryRows<StatusCount>(manager, NOTIFICATIONS_SQL, [from, to]);
    return {
      offers: byStatus(offers),
      slotsPublished: slots.published,
      slotsBooked: slots.booked,
      participatingPractitioners: slots.participating,
      activePractitioners: practitioners.active,
      stalePractitioners: practitioners.stale,
      notifications: byStatus(notifications),
    };
  }
}

function byStatus(rows: readonly StatusCount[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.status, row.count]));
}
