import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Global, Module } from '@nestjs/common';
import type { QueueOptions } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { producerConnection, QueueBackend, workerConnection } from './queue-backend';

export const QUEUE_BACKEND = Symbol('QUEUE_BACKEND');

@Global()
@Module({})
export class QueueModule {
  static forRoot(backend: QueueBackend): DynamicModule {
    return {
      module: QueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            connection: workerConnection(backend),
            prefix: config.queuePrefix,
          }),
        }),
      ],
      providers: [{ provide: QUEUE_BACKEND, useValue: backend }],
      exports: [QUEUE_BACKEND],
    };
  }
}

/**
 * A queue for producers: once connected, commands fail fast while the backend is down instead of
 * buffering in memory (the outbox keeps what must be sent). Not `skipWaitingForReady`: with the
 * offline queue off, BullMQ's first command would then fail before the connection is up, for good.
 */
export function registerQueue(name: string): DynamicModule {
  return BullModule.registerQueueAsync({
    name,
    inject: [QUEUE_BACKEND],
    useFactory: (backend: QueueBackend): Partial<QueueOptions> => ({
      connection: producerConnection(backend),
    }),
  });
}
