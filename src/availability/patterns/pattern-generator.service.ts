import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { PatternsService } from './patterns.service';

/** Runs the pattern generation at start and every PATTERN_GENERATE_EVERY, in worker instances. */
@Injectable()
export class PatternGenerator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PatternGenerator.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly patterns: PatternsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.tick();
    this.timer = setInterval(() => this.tick(), this.config.patternGenerateEveryMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    this.running ??= this.patterns
      .generateNow()
      .then((created) => {
        if (created > 0) this.logger.log({ slots: created }, 'slots generated from patterns');
      })
      .catch((error: Error) => this.logger.warn(`pattern generation failed: ${error.message}`))
      .finally(() => (this.running = undefined));
  }
}
