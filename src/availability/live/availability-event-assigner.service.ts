import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { PgListener } from '../../database/pg-listener';
import {
  AVAILABILITY_EVENT_COMMITTED_CHANNEL,
  AvailabilityEvents,
} from './availability-events.service';

const RETRY_AFTER_MS = 1000;

/**
 * Gives committed availability events their stream position, in the instances that stream them:
 * as soon as PostgreSQL says a transaction with events committed, at start, after a lost listener
 * connection, and again a second after a failed run. Runs never overlap in one instance; a request
 * arriving during a run makes one more run, so no commit is left unnumbered.
 */
@Injectable()
export class AvailabilityEventAssigner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AvailabilityEventAssigner.name);
  private running: Promise<void> | undefined;
  private again = false;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly config: AppConfig,
    private readonly listener: PgListener,
    private readonly events: AvailabilityEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsApi) return;
    await this.listener.listen(
      AVAILABILITY_EVENT_COMMITTED_CHANNEL,
      () => this.request(),
      () => this.request(),
    );
    this.request();
  }

  onModuleDestroy(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Asks for a run; folded into the current one's follow-up when one is under way. */
  request(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => (this.running = undefined));
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.events.assignPositions();
      } catch (error) {
        if (this.stopped) return;
        this.logger.warn(`availability event positions not assigned: ${(error as Error).message}`);
        clearTimeout(this.retry);
        this.retry = setTimeout(() => this.request(), RETRY_AFTER_MS).unref();
        return;
      }
    } while (this.again && !this.stopped);
  }
}
