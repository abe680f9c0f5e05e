import type { Logger } from '@nestjs/common';

/**
 * Work repeated every `everyMs` in this process: a run never overlaps the one before, a failure is
 * logged and the next run tries again, and stopping waits for the run in progress. Once across
 * instances is the work's own business: `Database.exclusive(LockId.…, …)` (an advisory lock), or
 * row locks.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  /** With `immediately`, the first run starts now rather than after `everyMs`. */
  start(everyMs: number, run: () => Promise<unknown>, { immediately = false } = {}): void {
    this.timer = setInterval(() => this.tick(run), everyMs);
    if (immediately) this.tick(run);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(run: () => Promise<unknown>): void {
    this.running ??= run()
      .then(
        () => undefined,
        (error: Error) => this.logger.warn(`${this.name} failed: ${error.message}`),
      )
      .finally(() => (this.running = undefined));
  }
}
