import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicTask } from '../../common/periodic-task';
import { AppConfig } from '../../config/app-config';
import { PatternsService } from './patterns.service';

/** Runs the pattern generation at start and every PATTERN_GENERATE_EVERY, in worker instances. */
@Injectable()
export class PatternGenerator implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PatternGenerator.name);
  private readonly task = new PeriodicTask('pattern generation', this.logger);

  constructor(
    private readonly config: AppConfig,
    private readonly patterns: PatternsService,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.task.start(this.config.patternGenerateEveryMs, () => this.generate(), {
      immediately: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.task.stop();
  }

  private async generate(): Promise<void> {
    const created = await this.patterns.generateNow();
    if (created > 0) this.logger.log({ slots: created }, 'slots generated from patterns');
  }
}
