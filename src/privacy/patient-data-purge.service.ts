import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PeriodicTasks } from '../common/periodic-tasks.service';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { LockId } from '../database/lock-ids';
import {
  CODED_REASON_TYPES,
  FREE_TEXT_KEYS,
  PURGEABLE,
  purgeCutoff,
  PURGED,
} from './pseudonymisation';

const PURGE_EVERY_MS = 3_600_000;
const BATCH = 500;

/**
 * Pseudonymises, every hour and once across instances, the patient data of requests closed more
 * than PATIENT_DATA_RETENTION ago: the request's identity fields, the free text written about it,
 * and the recipients and parameters of its notifications.
 */
@Injectable()
export class PatientDataPurge implements OnApplicationBootstrap {
  private readonly logger = new Logger(PatientDataPurge.name);

  constructor(
    private readonly config: AppConfig,
    private readonly db: Database,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.periodicTasks.start('patient data purge', PURGE_EVERY_MS, () => this.purge());
  }

  /** Purges everything due, batch by batch; returns how many requests it pseudonymised. */
  async purge(now = new Date()): Promise<number> {
    const cutoff = purgeCutoff(now, this.config.patientDataRetentionMs);
    let total = 0;
    for (;;) {
      const purged =
        (await this.db.exclusive(LockId.PatientDataPurge, (manager) =>
          this.batch(manager, cutoff),
        )) ?? 0;
      total += purged;
      if (purged < BATCH) break;
    }
    if (total > 0) this.logger.log({ requests: total }, 'patient data pseudonymised');
    return total;
  }

  private async batch(manager: EntityManager, cutoff: Date): Promise<number> {
    const due = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM orientation_request
        WHERE closed_at < $1 AND body_hash <> $2 AND ${PURGEABLE}
        ORDER BY closed_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      [cutoff, PURGED],
    );
    const ids = due.map((row) => row.id);
    if (ids.length === 0) return 0;
    await manager.query(
      `UPDATE orientation_request
          SET patient_first_name = '', patient_last_name = '', patient_phone = '',
              patient_email = NULL, reason = '', body_hash = $2,
              patient_birth_date = make_date(extract(year FROM patient_birth_date)::int, 1, 1)
        WHERE id = ANY($1)`,
      [ids, PURGED],
    );
    await manager.query(
      `UPDATE notification SET recipient = '', params = '{}', last_error = NULL
        WHERE request_id = ANY($1)`,
      [ids],
    );
    await manager.query(
      `UPDATE request_event
          SET detail = CASE WHEN type = ANY($3) THEN detail - 'note' ELSE detail - $2::text[] END
        WHERE request_id = ANY($1) AND detail ?| $2::text[]`,
      [ids, FREE_TEXT_KEYS, CODED_REASON_TYPES],
    );
    await manager.query(
      `UPDATE callback_task SET note = '' WHERE request_id = ANY($1) AND note <> ''`,
      [ids],
    );
    await manager.query(
      `UPDATE offer SET decline_reason = NULL WHERE request_id = ANY($1) AND decline_reason IS NOT NULL`,
      [ids],
    );
    return ids.length;
  }
}
