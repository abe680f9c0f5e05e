import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { acceptingNowSql } from '../availability/practitioners/practitioners.service';
import { PeriodicTasks } from '../common/periodic-tasks.service';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { LockId } from '../database/lock-ids';
import { queryRows } from '../database/sql';
import { NotificationsService } from '../notifications/notifications.service';
import { atRiskSql } from './at-risk';
import { coordinatorAlerts } from './orientation-notifications';
import { bookedThisWeekSql } from './recent-bookings';
import { ReferralService } from './referral/referral.service';
import { OrientationRequest } from './requests/orientation-request.entity';
import { recordHistory } from './requests/request-history';
import { findLockedRequest } from './requests/request-lock';
import { RequestTransitions } from './requests/request-transitions.service';
import { unmetReason, WindowSupply } from './requests/unmet-reason';
import { RematchService } from './urgent/rematch.service';

interface Due {
  id: string;
  cptsId: string;
}

/**
 * The protocol's clock, every SWEEP_INTERVAL and once across instances: escalates requests
 * close to their deadline, closes those past it as unmet with a reason, expires unanswered
 * offers, and retries waiting requests (whose search widens with time).
 */
@Injectable()
export class OrientationSweeper implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly referral: ReferralService,
    private readonly rematch: RematchService,
    private readonly notifications: NotificationsService,
    private readonly transitions: RequestTransitions,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.periodicTasks.start('orientation sweep', this.config.sweepIntervalMs, () => this.sweep());
  }

  /** One sweep; returns without doing anything when another instance is sweeping. */
  async sweep(): Promise<void> {
    await this.db.exclusive(LockId.OrientationSweep, async (manager) => {
      for (const due of await this.due(manager, 'deadline_at <= now()')) await this.closeUnmet(due);
      const escalation = `${atRiskSql('deadline_at', this.config.escalateBeforeMs)} AND escalated_at IS NULL`;
      for (const due of await this.due(manager, escalation)) await this.escalate(due);
      const offers = await queryRows<Due>(
        manager,
        `SELECT id, cpts_id AS "cptsId" FROM offer WHERE status = 'pending' AND expires_at <= now() LIMIT 1000`,
      );
      for (const offer of offers) await this.referral.expire(offer.cptsId, offer.id);
      const waiting = await queryRows<{ cptsId: string; kind: string }>(
        manager,
        `SELECT DISTINCT cpts_id AS "cptsId", kind FROM orientation_request
          WHERE status = 'pending' OR (kind = 'referring_physician' AND status = 'unmet')`,
      );
      // Started, not awaited: a matching pass must not hold back the next sweep's deadlines.
      for (const { cptsId, kind } of waiting) {
        void this.rematch.requestFor(cptsId, kind === 'urgent' ? 'urgent' : 'referral');
      }
    });
  }

  private due(manager: EntityManager, condition: string): Promise<Due[]> {
    return queryRows<Due>(
      manager,
      `SELECT id, cpts_id AS "cptsId" FROM orientation_request
        WHERE status IN ('pending', 'offered') AND ${condition}
        ORDER BY deadline_at LIMIT 1000`,
    );
  }

  private escalate(due: Due): Promise<void> {
    return this.db.tenant(due.cptsId, async (manager) => {
      const request = await this.lockOpen(manager, due.id);
      if (!request || request.escalatedAt) return;
      const now = new Date();
      await manager.update(OrientationRequest, { id: request.id }, { escalatedAt: now });
      await recordHistory(manager, request.id, {
        type: 'escalated',
        fromStatus: request.status,
        detail: {
          minutesLeft: Math.round((request.deadlineAt.getTime() - now.getTime()) / 60_000),
        },
      });
      await this.notifications.request(
        manager,
        coordinatorAlerts(
          this.config.coordinatorEmails,
          'coordinator.escalated',
          request,
          this.link(request),
        ),
      );
    });
  }

  private closeUnmet(due: Due): Promise<void> {
    return this.db.tenant(due.cptsId, async (manager) => {
      const request = await this.lockOpen(manager, due.id);
      if (!request || request.deadlineAt > new Date()) return;
      const reason = unmetReason(request.kind, await this.supply(manager, request));
      const late = request.kind === 'referring_physician';
      const unmet = await this.transitions.move(manager, request, 'unmet', {
        changes: { unmetReason: reason, closedAt: new Date(), late },
        detail: { reason, staysOnWaitingList: late },
      });
      await this.notifications.request(
        manager,
        coordinatorAlerts(
          this.config.coordinatorEmails,
          'coordinator.unmet',
          unmet,
          this.link(unmet),
        ),
      );
    });
  }

  private async supply(manager: EntityManager, request: OrientationRequest): Promise<WindowSupply> {
    const [supply] = await queryRows<WindowSupply>(
      manager,
      `WITH window_slots AS (
         SELECT s.mode, p.weekly_urgent_cap AS cap,
                (SELECT count(*) FROM appointment a WHERE a.practitioner_id = p.id
                   AND ${bookedThisWeekSql('a')}) AS recent
           FROM slot s JOIN practitioner p ON p.id = s.practitioner_id
          WHERE p.active AND s.starts_at >= $1 AND s.starts_at < $2)
       SELECT count(*)::int AS slots,
              count(*) FILTER (WHERE mode = ANY($3))::int AS "slotsInMode",
              count(*) FILTER (WHERE mode = ANY($3) AND recent < cap)::int AS "slotsUnderCap",
              (SELECT count(*)::int FROM practitioner p
                 WHERE p.active AND p.open_places > 0
                   AND ${acceptingNowSql('p', this.config.capacityConfirmEveryMs)})
                AS "acceptingPractitioners"
         FROM window_slots`,
      [request.createdAt, request.deadlineAt, request.acceptedModes],
    );
    return supply;
  }

  private lockOpen(manager: EntityManager, id: string): Promise<OrientationRequest | null> {
    return findLockedRequest(manager, id).then((request) =>
      request && ['pending', 'offered'].includes(request.status) ? request : null,
    );
  }

  private link(request: OrientationRequest): string {
    return `${this.config.publicUrl}/dashboard#request-${request.id}`;
  }
}
