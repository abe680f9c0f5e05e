import { randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { assertCanActAsPractitioner } from '../../access/ownership';
import type { Caller } from '../../access/role';
import { hashTokenSecret } from '../../access/token-secret';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { buildSlotCalendar, CalendarSlot } from './calendar-ics';

const PAST_DAYS = 7;
const FUTURE_DAYS = 30;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** A practitioner's calendar feed: a secret URL that lists their urgent slots, revocable. */
@Injectable()
export class CalendarFeedService {
  constructor(
    private readonly db: Database,
    private readonly config: AppConfig,
  ) {}

  /** A new secret URL; any earlier one stops working. */
  issue(caller: Caller, practitionerId: string): Promise<{ url: string }> {
    assertCanActAsPractitioner(caller, practitionerId);
    const secret = randomBytes(32).toString('base64url');
    return this.db.tenant(caller.cptsId, async (manager) => {
      await lockPractitioner(manager, practitionerId);
      await revokeFeeds(manager, practitionerId);
      await queryRows(
        manager,
        `INSERT INTO calendar_feed (practitioner_id, secret_hash) VALUES ($1, $2)`,
        [practitionerId, hashTokenSecret(secret)],
      );
      return { url: `${this.baseUrl()}/api/v1/calendar/${secret}.ics` };
    });
  }

  revoke(caller: Caller, practitionerId: string): Promise<void> {
    assertCanActAsPractitioner(caller, practitionerId);
    return this.db.tenant(caller.cptsId, async (manager) => {
      await lockPractitioner(manager, practitionerId);
      await revokeFeeds(manager, practitionerId);
    });
  }

  /** The iCalendar text behind a secret; an unknown or revoked secret is not found. */
  async calendar(secret: string): Promise<string> {
    if (!SECRET.test(secret)) throw DomainError.notFound('Calendar');
    const [feed] = await this.db.system((manager) =>
      queryRows<{ cptsId: string; practitionerId: string }>(
        manager,
        `SELECT cpts_id AS "cptsId", practitioner_id AS "practitionerId" FROM calendar_feed
          WHERE secret_hash = $1 AND revoked_at IS NULL`,
        [hashTokenSecret(secret)],
      ),
    );
    if (!feed) throw DomainError.notFound('Calendar');
    const generatedAt = new Date();
    return this.db.tenant(feed.cptsId, async (manager) => {
      const [practitioner] = await queryRows<{ lastName: string }>(
        manager,
        `SELECT last_name AS "lastName" FROM practitioner WHERE id = $1`,
        [feed.practitionerId],
      );
      const slots = await queryRows<CalendarSlot>(
        manager,
        `SELECT id, starts_at AS "startsAt", ends_at AS "endsAt", status FROM slot
          WHERE practitioner_id = $1
            AND starts_at >= now() - make_interval(days => $2)
            AND starts_at < now() + make_interval(days => $3)
          ORDER BY starts_at`,
        [feed.practitionerId, PAST_DAYS, FUTURE_DAYS],
      );
      return buildSlotCalendar({
        practitionerName: `Dr ${practitioner.lastName}`,
        slotUrl: (slotId) =>
          `${this.baseUrl()}/dashboard?practitioner=${feed.practitionerId}&slot=${slotId}`,
        slots,
        generatedAt,
      });
    });
  }

  private baseUrl(): string {
    return this.config.publicUrl.replace(/\/+$/, '');
  }
}

async function lockPractitioner(manager: EntityManager, practitionerId: string): Promise<void> {
  const found = await queryRows<unknown>(
    manager,
    'SELECT 1 FROM practitioner WHERE id = $1 FOR UPDATE',
    [practitionerId],
  );
  if (found.length === 0) throw DomainError.notFound('Practitioner');
}

async function revokeFeeds(manager: EntityManager, practitionerId: string): Promise<void> {
  await queryRows(
    manager,
    `UPDATE calendar_feed SET revoked_at = now() WHERE practitioner_id = $1 AND revoked_at IS NULL`,
    [practitionerId],
  );
}
