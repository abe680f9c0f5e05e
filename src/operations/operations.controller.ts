import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, Logger } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
} from '@nestjs/terminus';
import { Queue } from 'bullmq';

import { Public } from '../access/policy.decorators';
import { NOTIFICATION_QUEUE } from '../notifications/notifications.service';
import { Metrics } from './metrics';

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    work,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

@ApiExcludeController()
@Public()
@Controller()
export class OperationsController {
  private readonly logger = new Logger(OperationsController.name);

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly metrics: Metrics,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly queue: Queue,
  ) {
    // Readiness reports an unreachable queue; unheard, BullMQ would print each error to the console.
    queue.on('error', (error) => this.logger.debug(`queue ${queue.name}: ${error.message}`));
  }

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: CHECK_TIMEOUT_MS }),
      () => this.queueCheck(),
    ]);
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }

  private async queueCheck() {
    const indicator = this.indicators.check('queue');
    try {
      await withTimeout(this.queue.getJobCounts('waiting'), CHECK_TIMEOUT_MS);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
