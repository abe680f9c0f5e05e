import { createHmac, timingSafeEqual } from 'node:crypto';

import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';

import { AppConfig } from '../config/app-config';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';

/**
 * Derives sign-in link tokens from link ids with the deployment's key (table link_key), so that
 * a message can carry a link id and get its URL only when it is sent: no outbox row, queue job or
 * log holds a usable link. Also signs the short-lived state of a Pro Santé Connect sign-in.
 */
@Injectable()
export class LinkSigner implements OnApplicationBootstrap {
  private key?: Promise<Buffer>;

  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  /**
   * Reads the key before the first request. Read lazily, it would be read on a second pool
   * connection by a transaction that holds one (a booking's message link): under a storm every
   * connection is such a transaction, and none is left to read it.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.secret();
  }

  async token(linkId: string): Promise<string> {
    return this.mac(`sign-in-link:${linkId}`);
  }

  async url(linkId: string): Promise<string> {
    return `${this.config.publicUrl}/auth/link/${await this.token(linkId)}`;
  }

  /** A message's parameters as its template reads them: a `signInLinkId` gains its `link`. */
  async withLink(params: Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = params.signInLinkId;
    return typeof id === 'string' ? { ...params, link: await this.url(id) } : params;
  }

  /** `value.mac`: readable, but not forgeable without the key. */
  async sign(value: string): Promise<string> {
    return `${Buffer.from(value).toString('base64url')}.${await this.mac(`signed:${value}`)}`;
  }

  async verify(signed: string | undefined): Promise<string | undefined> {
    const [encoded, mac] = signed?.split('.') ?? [];
    if (!encoded || !mac) return undefined;
    const value = Buffer.from(encoded, 'base64url').toString();
    const expected = Buffer.from(await this.mac(`signed:${value}`));
    const given = Buffer.from(mac);
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : undefined;
  }

  private async mac(message: string): Promise<string> {
    return createHmac('sha256', await this.secret())
      .update(message)
      .digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= queryRows<{ secret: Buffer }>(
      this.db.manager,
      'SELECT secret FROM link_key WHERE id = 1',
    ).then(([row]) => {
      if (!row) throw new Error('link_key is empty: run the migrations');
      return row.secret;
    });
    this.key.catch(() => (this.key = undefined));
    return this.key;
  }
}
