import { Injectable } from '@nestjs/common';

import { DomainError } from '../common/domain-error';
import { Database } from '../database/database';
import { queryRows } from '../database/sql';
import { AccessToken } from './access-token.entity';
import { AccessTokenView, IssuedToken } from './dto/access-token.view';
import type { Caller, TokenRole } from './role';
import { hashTokenSecret, newTokenSecret } from './token-secret';

export interface NewAccessToken {
  role: TokenRole;
  label: string;
  practitionerId?: string | null;
}

export { AccessTokenView, IssuedToken };

@Injectable()
export class AccessTokensService {
  constructor(private readonly db: Database) {}

  /**
   * Resolves a bearer token to its caller, or undefined when unknown or revoked: one statement on
   * its own, no transaction (it runs on every request with a token).
   */
  async authenticate(secret: string): Promise<Caller | undefined> {
    const rows = await queryRows<Caller>(
      this.db.manager,
      `SELECT id AS "tokenId", cpts_id AS "cptsId", role, practitioner_id AS "practitionerId",
              NULL AS "personId", NULL AS "sessionId", 'full' AS scope
         FROM access_token WHERE token_hash = $1 AND revoked_at IS NULL`,
      [hashTokenSecret(secret)],
    );
    return rows[0];
  }

  issue(cptsId: string, input: NewAccessToken): Promise<IssuedToken> {
    if ((input.role === 'practitioner') !== Boolean(input.practitionerId)) {
      throw DomainError.invalid(
        'practitionerId',
        'practitionerId is required for the practitioner role, and only for it',
      );
    }
    return this.db.tenant(cptsId, async (manager) => {
      if (input.practitionerId) {
        const found = await queryRows(manager, 'SELECT 1 FROM practitioner WHERE id = $1', [
          input.practitionerId,
        ]);
        if (found.length === 0) throw DomainError.notFound('Practitioner');
      }
      const token = newTokenSecret();
      const saved = await manager.save(
        manager.create(AccessToken, {
          role: input.role,
          label: input.label,
          practitionerId: input.practitionerId ?? null,
          tokenHash: hashTokenSecret(token),
        }),
      );
      return {
        id: saved.id,
        token,
        role: saved.role,
        label: saved.label,
        practitionerId: saved.practitionerId,
      };
    });
  }

  list(cptsId: string): Promise<AccessTokenView[]> {
    return this.db.tenant(cptsId, (manager) =>
      manager.find(AccessToken, {
        select: {
          id: true,
          role: true,
          label: true,
          practitionerId: true,
          createdAt: true,
          revokedAt: true,
        },
        order: { createdAt: 'ASC' },
      }),
    );
  }

  async revoke(cptsId: string, id: string): Promise<void> {
    await this.db.tenant(cptsId, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(AccessToken)
        .set({ revokedAt: () => 'COALESCE(revoked_at, now())' })
        .where('id = :id', { id })
        .execute();
      if (!result.affected) throw DomainError.notFound('Access token');
    });
  }
}
