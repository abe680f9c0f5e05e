import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

import { PeriodicTasks } from '../../common/periodic-tasks.service';
import { AppConfig } from '../../config/app-config';
import { PatternsService } from './patterns.service';

/** Runs the pattern generation at start and every PATTERN_GENERATE_EVERY, in worker instances. */
@Injectable()
export class PatternGenerator implements OnApplicationBootstrap {
  private readonly logger = new Logger(PatternGenerator.name);

  constructor(
    private readonly config: AppConfig,
    private readonly patterns: PatternsService,
    private readonly periodicTasks: PeriodicTasks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runsWorker) return;
    this.periodicTasks.start(
      'pattern generation',
      this.config.patternGenerateEveryMs,
      () => this.generate(),
      { immediately: true },
    );
  }

  private async generate(): Promise<void> {
    const created = await this.patterns.generateNow();
    if (created > 0) this.logger.log({ slots: created }, 'slots generated from patterns');
  }
}
