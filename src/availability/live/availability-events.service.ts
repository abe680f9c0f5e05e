import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PeriodicTasks } from '../../common/periodic-tasks.service';
import { Database } from '../../database/database';
import { LockId } from '../../database/lock-ids';
import { queryRows, type Statement } from '../../database/sql';
import type {
  AvailabilityEventPayloads,
  AvailabilityEventType,
  StreamEvent,
} from './availability-event-types';

/** Carries each event once it has its position (from the assigner's commit). */
export const AVAILABILITY_EVENT_CHANNEL = 'availability_event';
/** Says that a transaction with events committed: they await their position. */
export const AVAILABILITY_EVENT_COMMITTED_CHANNEL = 'availability_event_committed';
/** A notification carries at most 8000 bytes; events hold ids and times, far less. */
const MAX_PAYLOAD_BYTES = 2000;
const REPLAY_HORIZON = '10 minutes';
const REPLAY_LIMIT = 10_000;
const KEEP_FOR = '1 hour';
const PRUNE_EVERY_MS = 5 * 60_000;

/**
 * The journal behind the availability event stream. Other modules call `record` inside the
 * transaction of their change, so that an event exists if and only if the change committed.
 */
@Injectable()
export class AvailabilityEvents implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    this.periodicTasks.start('availability event prune', PRUNE_EVERY_MS, () => this.prune());
  }

  /**
   * Records an event in the caller's tenant transaction, without any lock; once it has committed,
   * the assigner gives it its stream position and its NOTIFY (see `assignPositions`).
   */
  async record<T extends AvailabilityEventType>(
    manager: EntityManager,
    type: T,
    payload: AvailabilityEventPayloads[T],
  ): Promise<void> {
    await this.recordAll(manager, type, [payload]);
  }

  /** Records one event per payload, in order, in a single statement. */
  async recordAll<T extends AvailabilityEventType>(
    manager: EntityManager,
    type: T,
    payloads: ReadonlyArray<AvailabilityEventPayloads[T]>,
  ): Promise<void> {
    if (payloads.length === 0) return;
    const { sql, parameters } = eventsStatement(type, payloads);
    await queryRows(manager, sql, parameters);
  }

  /**
   * Numbers every committed event still without a position, in id order, and notifies each on
   * AVAILABILITY_EVENT_CHANNEL; one assigner at a time across instances (a transaction lock held
   * until its commit is visible), so positions grow in the order they become visible. Answers how
   * many it numbered.
   */
  async assignPositions(): Promise<number> {
    const [row] = await queryRows<{ assigned: number }>(
      this.db.manager,
      'SELECT assign_availability_event_positions() AS assigned',
    );
    return row.assigned;
  }

  /** The CPTS's events after stream position `afterId` from the last 10 minutes, in commit order. */
  replay(cptsId: string, afterId: string): Promise<StreamEvent[]> {
    return this.db.tenant(cptsId, (manager) =>
      queryRows<StreamEvent>(
        manager,
        `SELECT position::text AS id, cpts_id AS "cptsId", type, payload FROM availability_event
          WHERE position > $1 AND created_at > now() - interval '${REPLAY_HORIZON}'
          ORDER BY position LIMIT ${REPLAY_LIMIT}`,
        [afterId],
      ),
    );
  }

  /** Deletes the events older than KEEP_FOR, once across instances. */
  async prune(): Promise<void> {
    await this.db.exclusive(LockId.AvailabilityEventPrune, async (manager) => {
      await queryRows(
        manager,
        `DELETE FROM availability_event WHERE created_at < now() - interval '${KEEP_FOR}'`,
      );
    });
  }
}

/** The insert of `recordAll`, to run with the change's other writes (`runTogether`). */
export function eventsStatement<T extends AvailabilityEventType>(
  type: T,
  payloads: ReadonlyArray<AvailabilityEventPayloads[T]>,
): Statement {
  const json = payloads.map((payload) => JSON.stringify(payload));
  if (json.some((text) => Buffer.byteLength(text) > MAX_PAYLOAD_BYTES)) {
    throw new Error(`an availability event payload exceeds ${MAX_PAYLOAD_BYTES} bytes`);
  }
  return {
    sql: `INSERT INTO availability_event (type, payload)
          SELECT $1, payload::jsonb FROM unnest($2::text[]) WITH ORDINALITY AS p(payload, n) ORDER BY n`,
    parameters: [type, json],
  };
}
