import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';

import { AppConfig } from '../../config/app-config';
import { PgListener } from '../../database/pg-listener';
import type { StreamEvent } from './availability-event-types';
import { AVAILABILITY_EVENT_CHANNEL, AvailabilityEvents } from './availability-events.service';
import { formatSseComment, formatSseEvent } from './sse';

/** Where a stream writes: an HTTP response in practice. */
export interface EventSink {
  write(chunk: string): void;
  end(): void;
  onClose(listener: () => void): void;
}

interface Subscriber {
  cptsId: string;
  sink: EventSink;
  /** The last event id sent, from which a catch-up resumes. */
  lastId: bigint | undefined;
  /** Live events held back while a replay runs; undefined once live. */
  held: StreamEvent[] | undefined;
}

/**
 * Fans committed availability events out to the connected clients of their CPTS. One LISTEN per
 * instance feeds every client; a client that comes back with Last-Event-ID first gets the events
 * it missed from the journal, then the live ones.
 */
@Injectable()
export class AvailabilityStream implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AvailabilityStream.name);
  private readonly subscribers = new Set<Subscriber>();
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: AppConfig,
    private readonly listener: PgListener,
    private readonly events: AvailabilityEvents,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.runsApi) return;
    await this.listener.listen(
      AVAILABILITY_EVENT_CHANNEL,
      (payload) => this.dispatch(payload),
      () => void this.catchUpAll(),
    );
    this.heartbeat = setInterval(() => this.beat(), this.config.sseHeartbeatMs).unref();
  }

  /** Ends every stream, so that closing the HTTP server does not wait for them. */
  beforeApplicationShutdown(): void {
    clearInterval(this.heartbeat);
    for (const subscriber of this.subscribers) subscriber.sink.end();
    this.subscribers.clear();
  }

  async open(cptsId: string, lastEventId: string | undefined, sink: EventSink): Promise<void> {
    const subscriber: Subscriber = {
      cptsId,
      sink,
      lastId: lastEventId === undefined ? undefined : BigInt(lastEventId),
      held: undefined,
    };
    this.subscribers.add(subscriber);
    sink.onClose(() => this.subscribers.delete(subscriber));
    sink.write(formatSseComment('connected'));
    await this.catchUp(subscriber);
  }

  get connected(): number {
    return this.subscribers.size;
  }

  private dispatch(notification: string): void {
    let event: StreamEvent;
    try {
      event = JSON.parse(notification) as StreamEvent;
    } catch {
      this.logger.warn('ignored a malformed availability event notification');
      return;
    }
    for (const subscriber of this.subscribers) {
      if (subscriber.cptsId !== event.cptsId) continue;
      if (subscriber.held) subscriber.held.push(event);
      else this.send(subscriber, event);
    }
  }

  private async catchUpAll(): Promise<void> {
    await Promise.all([...this.subscribers].map((subscriber) => this.catchUp(subscriber)));
  }

  private async catchUp(subscriber: Subscriber): Promise<void> {
    if (subscriber.lastId === undefined || subscriber.held) return;
    const held: StreamEvent[] = [];
    subscriber.held = held;
    let missed: StreamEvent[] = [];
    try {
      missed = await this.events.replay(subscriber.cptsId, subscriber.lastId.toString());
    } catch (error) {
      this.logger.warn(`availability event replay failed: ${(error as Error).message}`);
    }
    subscriber.held = undefined;
    const replayed = new Set(missed.map((event) => event.id));
    const live = held.filter((event) => !replayed.has(event.id));
    for (const event of [...missed, ...live]) this.send(subscriber, event);
  }

  private send(subscriber: Subscriber, event: StreamEvent): void {
    if (!this.subscribers.has(subscriber)) return;
    subscriber.sink.write(formatSseEvent(event));
    const id = BigInt(event.id);
    if (subscriber.lastId === undefined || id > subscriber.lastId) subscriber.lastId = id;
  }

  private beat(): void {
    for (const subscriber of this.subscribers) subscriber.sink.write(formatSseComment('heartbeat'));
  }
}
