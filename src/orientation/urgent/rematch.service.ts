import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';

import { AVAILABILITY_EVENT_CHANNEL } from '../../availability/live/availability-events.service';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { PgListener } from '../../database/pg-listener';
import { queryRows } from '../../database/sql';
import { ReferralService } from '../referral/referral.service';
import { OrientationRequest } from '../requests/orientation-request.entity';
import { findLockedRequest } from '../requests/request-lock';
import { UrgentMatcher } from './urgent-matcher.service';

export type Protocol = 'urgent' | 'referral';

const PASS_LIMIT = 500;
const SUPPLY_EVENTS: Record<string, Protocol | undefined> = {
  'slot.published': 'urgent',
  'slot.released': 'urgent',
  'capacity.updated': 'referral',
};

/**
 * Matches waiting requests again when supply appears: at once on committed availability events
 * (a slot published or released, capacity changed), and on each sweep. Passes for one CPTS and
 * protocol never overlap in a process; across processes, request row locks keep them correct.
 */
@Injectable()
export class RematchService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RematchService.name);
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly listener: PgListener,
    private readonly matcher: UrgentMatcher,
    private readonly referral: ReferralService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsWorker) return;
    await this.listener.listen(AVAILABILITY_EVENT_CHANNEL, (payload) => {
      const event = JSON.parse(payload) as { cptsId: string; type: string };
      const protocol = SUPPLY_EVENTS[event.type];
      if (protocol) void this.requestFor(event.cptsId, protocol);
    });
  }

  /** Passes started by events or sweeps end before the pools close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.running.values());
  }

  /** Runs a pass now, or once more after the running one: supply seen meanwhile is not missed. */
  requestFor(cptsId: string, protocol: Protocol): Promise<void> {
    const key = `${cptsId}:${protocol}`;
    const current = this.running.get(key);
    if (current) {
      this.again.add(key);
      return current;
    }
    const pass = this.loop(key, cptsId, protocol).finally(() => this.running.delete(key));
    this.running.set(key, pass);
    return pass;
  }

  private async loop(key: string, cptsId: string, protocol: Protocol): Promise<void> {
    do {
      this.again.delete(key);
      try {
        await (protocol === 'urgent' ? this.urgentPass(cptsId) : this.referralPass(cptsId));
      } catch (error) {
        this.logger.warn(
          { cptsId, protocol, err: (error as Error).message },
          'rematch pass failed',
        );
      }
    } while (this.again.has(key));
  }

  /** Oldest waiting request first, so a freed slot goes to whoever waited longest. */
  private async urgentPass(cptsId: string): Promise<void> {
    const waiting = await this.db.tenant(cptsId, (manager) =>
      manager.find(OrientationRequest, {
        where: { kind: 'urgent', status: 'pending' },
        select: { id: true },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: PASS_LIMIT,
      }),
    );
    for (const { id } of waiting) {
      if (!(await this.hasFreeSlot(cptsId))) return;
      await this.matcher.match(cptsId, id, 'supply');
    }
  }

  /** Priority patients first, then the longest waiting; late requests stay on the list. */
  private async referralPass(cptsId: string): Promise<void> {
    const waiting = await this.db.tenant(cptsId, (manager) =>
      queryRows<{ id: string }>(
        manager,
        `SELECT r.id FROM orientation_request r
          WHERE r.kind = 'referring_physician' AND r.status IN ('pending', 'unmet')
            AND NOT EXISTS (SELECT 1 FROM offer o WHERE o.request_id = r.id AND o.status = 'pending')
          ORDER BY cardinality(r.priority_flags) > 0 DESC, r.created_at, r.id
          LIMIT ${PASS_LIMIT}`,
      ),
    );
    for (const { id } of waiting) {
      await this.db.tenant(cptsId, async (manager) => {
        const request = await findLockedRequest(manager, id);
        const hasOffer = await queryRows<unknown>(
          manager,
          `SELECT 1 FROM offer WHERE request_id = $1 AND status = 'pending'`,
          [id],
        );
        if (!request || !['pending', 'unmet'].includes(request.status) || hasOffer.length > 0)
          return;
        await this.referral.offerNext(manager, request, 'supply');
      });
    }
  }

  private async hasFreeSlot(cptsId: string): Promise<boolean> {
    const rows = await this.db.tenant(cptsId, (manager) =>
      queryRows<unknown>(
        manager,
        `SELECT 1 FROM slot WHERE status = 'free' AND starts_at >= $1 LIMIT 1`,
        [new Date(Date.now() + this.config.minLeadTimeMs)],
      ),
    );
    return rows.length > 0;
  }
}
