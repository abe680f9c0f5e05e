import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import type { ConsultationMode } from '../../common/consultation-mode';
import { boundingBox, compareProximity } from '../../common/geo';
import { toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows, runTogether, type Statement } from '../../database/sql';
import { CommunesService } from '../../territory/communes.service';
import { DECISION_TOP, decisionCandidates } from '../decision-candidates';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { findLockedRequest } from '../requests/request-lock';
import { BookingService } from './booking.service';
import { candidatesQuery } from './candidates-query';
import { Located, patientPlace, practicePlace } from './practice-places';
import {
  describeProximity,
  explainWin,
  rankCandidates,
  RankedCandidate,
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

const TRIED_PER_ATTEMPT = 25;
const MAX_ROUNDS = 5;
/**
 * Candidates read per ranking: what an attempt (or a proposal) can try, plus what its decision
 * records after the last one tried. The rest are never looked at.
 */
export const RANKED_LIMIT = TRIED_PER_ATTEMPT + DECISION_TOP;

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
      const request = await findLockedRequest(manager, requestId);
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
        await queryRows(manager, 'SAVEPOINT booking_attempt');
        const others = ranked.slice(index + 1);
        const result = await this.booking.bookSlot(manager, request, candidate, {
          source: 'matching',
          skipBusy: round === 0 && !candidate.ownGp,
          detail: { trigger },
          // Written with the booking, if it books.
          also: [
            this.decision(
              request,
              trigger,
              'booked',
              [candidate, ...others],
              explainWin(candidate, others[0]) + passedOver(busy),
            ),
          ],
        });
        // A kept savepoint is released by the commit: one round trip fewer than RELEASE.
        if (typeof result !== 'string') return 'booked';
        await queryRows(manager, 'ROLLBACK TO SAVEPOINT booking_attempt');
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
    const { sql, parameters, patient, radius } = await this.candidatesQuery(manager, request, now);
    const rows = await queryRows<CandidateRow>(manager, sql, parameters);
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

  /** The candidates query of a request, as `rank` runs it (its plan is tested). */
  async candidatesQuery(manager: EntityManager, request: OrientationRequest, now: Date) {
    const patient = await patientPlace(this.communes, manager, request.patientCommuneCode);
    const radius = searchRadiusKm(now, request.createdAt, request.deadlineAt, {
      baseRadiusKm: this.config.matchRadiusKm,
      widenEveryMs: this.config.matchWidenEveryMs,
      escalateBeforeMs: this.config.escalateBeforeMs,
    });
    const query = candidatesQuery({
      minStart: new Date(now.getTime() + this.config.minLeadTimeMs),
      deadlineAt: request.deadlineAt,
      modes: request.acceptedModes,
      box: patient.point && radius !== null ? boundingBox(patient.point, radius) : null,
      ownGpRpps: request.referringPractitionerRpps,
      patient,
      epciMembers: patient.epciCode ? this.communes.directory.epciMembers(patient.epciCode) : [],
      radiusKm: radius,
      limit: RANKED_LIMIT,
    });
    return { ...query, patient, radius };
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
    await runTogether(manager, [this.decision(request, trigger, outcome, ranked, explanation)]);
  }

  /** The insert of `decide`, to write with the booking it explains (`runTogether`). */
  private decision(
    request: OrientationRequest,
    trigger: string,
    outcome: string,
    ranked: readonly RankedCandidate[],
    explanation: string,
  ): Statement {
    const candidates = decisionCandidates(ranked, (candidate) => ({
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
    }));
    return {
      sql: `INSERT INTO matching_decision (request_id, trigger, outcome, explanation, candidates)
            VALUES ($1, $2, $3, $4, $5::jsonb)`,
      parameters: [request.id, trigger, outcome, explanation, JSON.stringify(candidates)],
    };
  }
}
