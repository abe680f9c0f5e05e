import { Injectable, OnModuleInit } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { NotificationSchedulesService } from '../notifications/notification-schedules.service';
import { queueCoordinatorDigests } from './coordinator-digest';

/**
 * The coordinators' daily digest of requests at risk or unmet, at 7:30 (Paris). Each tick is one
 * job across instances (the notifications' job schedulers).
 */
@Injectable()
export class CoordinatorDigests implements OnModuleInit {
  constructor(
    private readonly schedules: NotificationSchedulesService,
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.schedules.register({
      name: 'coordinator-digest',
      pattern: '30 7 * * *',
      run: async (now) => {
        const count = await this.db.system((manager) =>
          queueCoordinatorDigests(manager, now, {
            recipients: this.config.coordinatorEmails,
            escalateBeforeMs: this.config.escalateBeforeMs,
            link: `${this.config.publicUrl}/dashboard`,
          }),
        );
        return `${count} digest(s)`;
      },
    });
  }
}
