import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

import { DomainError } from '../common/domain-error';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { PlatformWebhook } from './dto/platform-webhook.view';

export { PlatformWebhook };

/** The webhook of a platform token: where and with which secret its requests' changes are sent. */
@Injectable()
export class PlatformWebhooksService {
  constructor(private readonly db: Database) {}

  set(cptsId: string, tokenId: string, url: string): Promise<PlatformWebhook> {
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return this.db.tenant(cptsId, async (manager) => {
      await this.lockPlatformToken(manager, tokenId);
      await queryRows(
        manager,
        `UPDATE access_token SET webhook_url = $2, webhook_secret = $3 WHERE id = $1`,
        [tokenId, url, secret],
      );
      return { tokenId, url, secret };
    });
  }

  async remove(cptsId: string, tokenId: string): Promise<void> {
    await this.db.tenant(cptsId, async (manager) => {
      await this.lockPlatformToken(manager, tokenId);
      await queryRows(
        manager,
        `UPDATE access_token SET webhook_url = NULL, webhook_secret = NULL WHERE id = $1`,
        [tokenId],
      );
    });
  }

  /** Locks the live platform token `tokenId`; refuses a token that is not one. */
  private async lockPlatformToken(manager: EntityManager, tokenId: string): Promise<void> {
    const [token] = await queryRows<{ role: string }>(
      manager,
      `SELECT role FROM access_token WHERE id = $1 AND revoked_at IS NULL FOR UPDATE`,
      [tokenId],
    );
    if (!token) throw DomainError.notFound('Access token');
    if (token.role !== 'platform') {
      throw DomainError.conflict('Only a platform token has a webhook');
    }
  }
}
