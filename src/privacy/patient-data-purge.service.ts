import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { PeriodicTasks } from '../common/periodic-tasks.service';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { LockId } from '../database/lock-ids';
import { lockPurgeBatch, pseudonymiseRequests } from './patient-data-purge.queries';
import { purgeCutoff } from './pseudonymisation';

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
    const ids = await lockPurgeBatch(manager, cutoff, BATCH);
    if (ids.length === 0) return 0;
    await pseudonymiseRequests(manager, ids);
    return ids.length;
  }
}
