import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import type { QueueOptions } from 'bullmq';

import { AppConfig } from '../config/app-config';
import { producerConnection, QueueBackend, workerConnection } from './queue-backend';
import { QueueShutdown } from './redis-shutdown';

/** The key of BullMQ's shared configuration for workers; queues take the default, for producers. */
export const WORKER_CONFIG = 'workers';

/**
 * BullMQ's shared configurations, set once from the runtime's backend. A feature registers the
 * queues it uses with `BullModule.registerQueue`, and they connect as producers: once connected,
 * commands fail fast while the backend is down instead of buffering in memory (the outbox keeps
 * what must be sent). Not `skipWaitingForReady`: with the offline queue off, BullMQ's first command
 * would then fail before the connection is up, for good.
 */
@Module({})
export class QueueModule {
  static forRoot(backend: QueueBackend): DynamicModule {
    const shared =
      (connection: QueueOptions['connection']) =>
      (config: AppConfig): QueueOptions => ({ connection, prefix: config.queuePrefix });
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: shared(producerConnection(backend)),
        }),
        BullModule.forRootAsync(WORKER_CONFIG, {
          inject: [AppConfig],
          useFactory: shared(workerConnection(backend)),
        }),
      ],
      providers: [QueueShutdown],
    };
  }
}
