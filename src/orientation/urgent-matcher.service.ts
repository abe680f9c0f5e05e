import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { ConsultationMode } from '../availability/consultation-mode';
import { toParisIso } from '../availability/paris-time';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { CommunesService } from '../territory/communes.service';
import { boundingBox, compareProximity } from '../territory/geo';
import { BookingService } from './booking.service';
import { MatchingDecision } from './matching-decision.entity';
import { OrientationRequest } from './orientation-request.entity';
import { Located, patientPlace, practicePlace } from './practice-places';
import {
  describeProximity,
  explainWin,
  RankedCandidate,
  rankCandidates,
  searchRadiusKm,
  SlotCandidate,
} from './urgent-ranking';

export type MatchOutcome = 'booked' | 'none' | 'skipped';

interface CandidateRow extends Located {
  slotId: string;
  practitionerId: string;
  rpps: string;
  startsAt: Date;
  endsAt: Date;
  mode: ConsultationMode;
  weeklyCap: number;
  recentBookings: number;
}

/** Slots considered per attempt; the rest wait for the next attempt if all of these are taken. */
const CANDIDATE_LIMIT = 2000;
const TRIED_PER_ATTEMPT = 25;
const SLOTS_PER_PRACTICE = 3;
const MAX_ROUNDS = 5;
const DECISION_TOP = 10;

/**
 * The free slots a request could take: in time, in an accepted mode, of active practitioners, and
 * inside the search radius's bounding box ($4..$7, null for no limit) when the practice's position
 * (its own, else its commune's centre) is known. The own GP ($8) and practices without a position
 * are kept for the ranking to judge; filtering here keeps the LIMIT for the near slots of a large CPTS.
 * Only each practice's earliest few slots come back: its later ones always rank below them (same
 * practice, same proximity and fairness, later start), and each row costs parsing and ranking.
 */
const CANDIDATES_SQL = `
  WITH recent AS (
    SELECT practitioner_id, count(*)::int AS n FROM appointment
     WHERE status = 'booked' AND created_at > now() - interval '7 days'
     GROUP BY practitioner_id
  ), eligible AS (
    SELECT s.id AS "slotId", p.id AS "practitionerId", p.rpps, s.starts_at AS "startsAt",
           s.ends_at AS "endsAt", s.mode, p.commune_code AS "communeCode", p.latitude, p.longitude,
           c.latitude AS "centreLatitude", c.longitude AS "centreLongitude",
           p.weekly_urgent_cap AS "weeklyCap", coalesce(r.n, 0) AS "recentBookings",
           row_number() OVER (PARTITION BY s.practitioner_id ORDER BY s.starts_at) AS "inPractice"
      FROM slot s
      JOIN practitioner p ON p.id = s.practitioner_id
      LEFT JOIN commune_centre c ON c.code = p.commune_code
      LEFT JOIN recent r ON r.practitioner_id = p.id
     WHERE s.status = 'free' AND s.starts_at >= $1 AND s.starts_at < $2
       AND s.mode = ANY($3) AND p.active
       AND ($4::float8 IS NULL OR p.rpps = $8
            OR CASE WHEN p.latitude IS NOT NULL AND p.longitude IS NOT NULL
                    THEN p.latitude BETWEEN $4 AND $5 AND p.longitude BETWEEN $6 AND $7
                    ELSE c.code IS NULL OR (c.latitude BETWEEN $4 AND $5 AND c.longitude BETWEEN $6 AND $7)
               END)
  )
  SELECT "slotId", "practitionerId", rpps, "startsAt", "endsAt", mode, "communeCode", latitude,
         longitude, "centreLatitude", "centreLongitude", "weeklyCap", "recentBookings"
    FROM eligible
   WHERE "inPractice" <= ${SLOTS_PER_PRACTICE}
   ORDER BY "startsAt"
   LIMIT ${CANDIDATE_LIMIT}`;

/** What the explanation of a win adds for the practitioners it passed over as busy. */
function passedOver(busy: readonly RankedCandidate[]): string {
  if (busy.length === 0) return '';
  const names = busy.map((candidate) => candidate.practitionerId).join(', ');
  return `; passed over, being booked by another request at that instant: ${names}`;
}

/**
 * The urgent protocol for one request: rank the free slots, then book the best one that can
 * still be had. Each attempt is one transaction holding the request's row lock, so two instances
 * (or an event and the sweep) never book twice for the same request.
 */
@Injectable()
export class UrgentMatcher {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly booking: BookingService,
  ) {}

  match(cptsId: string, requestId: string, trigger: string): Promise<MatchOutcome> {
    return this.db.tenant(cptsId, async (manager) => {
      const request = await manager.findOne(OrientationRequest, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      return request ? this.matchLocked(manager, request, trigger) : 'skipped';
    });
  }

  /** The protocol for a request whose row this transaction holds (locked, or inserted by it). */
  async matchLocked(
    manager: EntityManager,
    request: OrientationRequest,
    trigger: string,
  ): Promise<MatchOutcome> {
    if (request.kind !== 'urgent' || request.status !== 'pending') return 'skipped';
    // A SAS regulator books the GP the national platform showed, never one we would pick: their
    // request waits (then goes unmet, for the coordination to see) rather than go elsewhere.
    if (request.sasRegulatorPersonId) return 'skipped';
    let ranked: RankedCandidate[] = [];
    // A round reads each practice's earliest slots; when concurrent bookings take all of those,
    // the next round reads again and sees the slots after them.
    for (let round = 0; round < MAX_ROUNDS; round++) {
      ranked = await this.rank(manager, request, new Date());
      let lostRace = false;
      // Under load every request of a commune ranks the same practitioner first. The first round
      // passes over one that another request is booking at this instant, but only for a candidate
      // as near (never the patient's own GP); past that, it gives way to the next round, which waits.
      const busy: RankedCandidate[] = [];
      for (const [index, candidate] of ranked.slice(0, TRIED_PER_ATTEMPT).entries()) {
        if (busy.some((other) => other.practitionerId === candidate.practitionerId)) continue;
        if (busy.length > 0 && compareProximity(candidate.proximity, busy[0].proximity) > 0) break;
        await manager.query('SAVEPOINT booking_attempt');
        const result = await this.booking.bookSlot(manager, request, candidate, {
          source: 'matching',
          skipBusy: round === 0 && !candidate.ownGp,
          detail: { trigger },
        });
        // A kept savepoint is released by the commit: one round trip fewer than RELEASE.
        if (typeof result !== 'string') {
          const others = ranked.slice(index + 1);
          await this.decide(
            manager,
            request,
            trigger,
            'booked',
            [candidate, ...others],
            explainWin(candidate, others[0]) + passedOver(busy),
          );
          return 'booked';
        }
        await manager.query('ROLLBACK TO SAVEPOINT booking_attempt');
        if (result === 'practitioner_busy') busy.push(candidate);
        lostRace ||= result === 'slot_taken' || result === 'practitioner_busy';
      }
      if (!lostRace) break;
    }
    if (trigger !== 'sweep' || ranked.length > 0) {
      const why =
        ranked.length === 0 ? 'no free slot fits yet' : 'every ranked slot was taken meanwhile';
      await this.decide(manager, request, trigger, 'none', ranked, why);
    }
    return 'none';
  }

  /** The free slots the request could take now, best first. */
  async rank(
    manager: EntityManager,
    request: OrientationRequest,
    now: Date,
  ): Promise<RankedCandidate[]> {
    const minStart = new Date(now.getTime() + this.config.minLeadTimeMs);
    const patient = await patientPlace(this.communes, manager, request.patientCommuneCode);
    const radius = searchRadiusKm(now, request.createdAt, request.deadlineAt, {
      baseRadiusKm: this.config.matchRadiusKm,
      widenEveryMs: this.config.matchWidenEveryMs,
      escalateBeforeMs: this.config.escalateBeforeMs,
    });
    const box = patient.point && radius !== null ? boundingBox(patient.point, radius) : null;
    const rows = await manager.query<CandidateRow[]>(CANDIDATES_SQL, [
      minStart,
      request.deadlineAt,
      request.acceptedModes,
      box?.south ?? null,
      box?.north ?? null,
      box?.west ?? null,
      box?.east ?? null,
      request.referringPractitionerRpps,
    ]);
    const candidates: SlotCandidate[] = rows.map((row) => ({
      slotId: row.slotId,
      practitionerId: row.practitionerId,
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      mode: row.mode,
      practice: practicePlace(this.communes.commune(row.communeCode), row),
      recentBookings: row.recentBookings,
      weeklyCap: row.weeklyCap,
      ownGp: row.rpps === request.referringPractitionerRpps,
    }));
    return rankCandidates(candidates, patient, radius);
  }

  /** Records an attempt: its outcome, the top candidates and why. */
  async decide(
    manager: EntityManager,
    request: OrientationRequest,
    trigger: string,
    outcome: string,
    ranked: readonly RankedCandidate[],
    explanation: string,
  ): Promise<void> {
    await manager.insert(MatchingDecision, {
      requestId: request.id,
      trigger,
      outcome,
      explanation,
      candidates: ranked.slice(0, DECISION_TOP).map((candidate, index) => ({
        rank: index + 1,
        slotId: candidate.slotId,
        practitionerId: candidate.practitionerId,
        startsAt: toParisIso(candidate.startsAt),
        mode: candidate.mode,
        ownGp: candidate.ownGp,
        proximity: describeProximity(candidate.proximity),
        distanceKm:
          candidate.proximity.km === null ? null : Number(candidate.proximity.km.toFixed(2)),
        recentBookings: candidate.recentBookings,
        weeklyCap: candidate.weeklyCap,
      })),
    });
  }
}
