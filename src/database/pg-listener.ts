import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

import type { LockId } from './lock-ids';

type Handler = (payload: string) => void;

const RECONNECT_DELAY_MS = 1000;

/**
 * One dedicated connection that LISTENs for PostgreSQL notifications, which arrive only when the
 * notifying transaction commits. It reconnects after a database restart and then tells each
 * subscriber, which catches up on what it may have missed.
 */
@Injectable()
export class PgListener implements OnApplicationShutdown {
  private readonly logger = new Logger(PgListener.name);
  private readonly handlers = new Map<string, Handler[]>();
  private readonly reconnectHandlers: Array<() => void> = [];
  private client: Client | undefined;
  /** Session advisory locks the current connection holds (`holds`); they end with it. */
  private held = new Set<LockId>();
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly dataSource: DataSource) {}

  async listen(channel: string, handler: Handler, onReconnect?: () => void): Promise<void> {
    const known = this.handlers.get(channel);
    this.handlers.set(channel, [...(known ?? []), handler]);
    if (onReconnect) this.reconnectHandlers.push(onReconnect);
    await this.connect();
    if (!known) await this.client?.query(`LISTEN "${channel}"`);
  }

  /**
   * Whether this instance holds the session advisory lock `id` on its listening connection: taken
   * when free, kept until that connection ends (the process dies, the database restarts), then
   * free for another instance. For one instance at a time to act on what every instance is told.
   */
  async holds(id: LockId): Promise<boolean> {
    const client = this.client;
    if (!client) return false;
    if (this.held.has(id)) return true;
    try {
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1) AS locked',
        [id],
      );
      const held = rows[0].locked && this.client === client;
      if (held) this.held.add(id);
      return held;
    } catch (error) {
      this.logger.warn(`could not ask for lock ${id}: ${(error as Error).message}`);
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    await this.client?.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url, application_name: 'cpts-listener' });
    client.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? [])
        handler(message.payload ?? '');
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN "${channel}"`);
    this.held = new Set();
    this.client = client;
  }

  private lost(client: Client, error?: Error): void {
    if (this.client !== client || this.closed) return;
    this.client = undefined;
    this.held = new Set();
    this.logger.warn(`notification listener lost its connection: ${error?.message ?? 'ended'}`);
    client.end().catch(() => undefined);
    this.retry();
  }

  private retry(): void {
    setTimeout(() => {
      if (this.closed) return;
      this.connect().then(
        () => this.reconnectHandlers.forEach((handler) => handler()),
        () => this.retry(),
      );
    }, RECONNECT_DELAY_MS).unref();
  }
}
