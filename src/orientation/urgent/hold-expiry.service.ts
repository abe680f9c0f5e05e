import { Injectable, OnApplicationBootstrap } from '@nestjs/common';

import { PeriodicTasks } from '../../common/periodic-tasks.service';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { findLockedRequest } from '../requests/request-lock';
import { RequestTransitions } from '../requests/request-transitions.service';
import { BookingService } from './booking.service';

/** Expired holds are given back within this long (the issue asks for 5 s at most). */
const EVERY_MS = 1000;
const BATCH = 500;

/**
 * Gives back the slots of expired holds: the slot returns to the live table (`slot.released`,
 * which matches waiting requests again, this one among them) and the request becomes pending.
 * Each hold is expired under its request's row lock, so instances running this at once, or a
 * confirmation racing it, never both act on it.
 */
@Injectable()
export class HoldExpiry implements OnApplicationBootstrap {
  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly booking: BookingService,
    private readonly transitions: RequestTransitions,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.periodicTasks.start('hold expiry', EVERY_MS, () => this.sweep());
  }

  async sweep(): Promise<void> {
    const due = await this.db.system((manager) =>
      queryRows<{ requestId: string; cptsId: string }>(
        manager,
        `SELECT request_id AS "requestId", cpts_id AS "cptsId" FROM slot_hold
          WHERE expires_at <= now() ORDER BY expires_at LIMIT ${BATCH}`,
      ),
    );
    for (const hold of due) await this.expire(hold.cptsId, hold.requestId);
  }

  private expire(cptsId: string, requestId: string): Promise<void> {
    return this.db.tenant(cptsId, async (manager) => {
      const request = await findLockedRequest(manager, requestId);
      const [stillDue] = await queryRows<unknown>(
        manager,
        'SELECT 1 FROM slot_hold WHERE request_id = $1 AND expires_at <= now()',
        [requestId],
      );
      if (!request || !stillDue) return;
      const freed = await this.booking.freeHeldSlot(manager, requestId);
      if (request.status === 'held') {
        await this.transitions.move(manager, request, 'pending', {
          type: 'hold_expired',
          detail: { slotId: freed?.slotId },
        });
      }
    });
  }
}
