import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, NestMiddleware } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

import { queriesSent } from '../database/query-counter';
import { NOTIFICATION_QUEUE } from '../notifications/notifications.service';

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/** The process's metrics registry: labels carry routes and statuses, never identifiers or patient data. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route template, method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(@InjectQueue(NOTIFICATION_QUEUE) notifications: Queue) {
    collectDefaultMetrics({ register: this.registry });
    new Counter({
      name: 'db_queries_total',
      help: 'Statements sent to PostgreSQL (round trips) since the process started',
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(queriesSent());
      },
    });
    new Gauge({
      name: 'queue_jobs',
      help: 'Jobs per queue and state, read when scraped',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await notifications.getJobCounts(...QUEUE_STATES).catch(() => undefined);
        for (const state of QUEUE_STATES) {
          this.set({ queue: NOTIFICATION_QUEUE, state }, counts?.[state] ?? NaN);
        }
      },
    });
  }
}

@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stop = this.metrics.httpDuration.startTimer({ method: request.method });
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ route, status: response.statusCode });
    });
    next();
  }
}
