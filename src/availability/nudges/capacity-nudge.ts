import type { EntityManager } from 'typeorm';

import { toParisIso } from '../../common/paris-time';
import { runExclusive } from '../../database/exclusive';
import { LockId } from '../../database/lock-ids';
import { queryRows } from '../../database/sql';
import type { NotificationRequest } from '../../notifications/notifications.service';
import { insertNotifications } from '../../notifications/notifications.service';
import { capacityExpiresAt, capacityNudgeLeadMs } from '../practitioners/capacity-expiry';
import { practitionerChannels } from '../practitioners/practitioner-channels';
import type { NudgedPractitioner } from './availability-nudge';

interface LapsingPractitioner extends NudgedPractitioner {
  capacityUpdatedAt: Date;
  /** The declaration's time in microseconds: the dedupe key of its one nudge. */
  declaration: string;
}

/**
 * Asks every active GP whose "yes, I take new patients" lapses within the nudge lead (or has
 * lapsed unnoticed) to confirm it, once per declaration: the dedupe key carries the declaration's
 * time, so a new declaration (or a confirmation) gets its own nudge 27 days later. Declarations
 * already nudged are skipped before a link is made for them. One instance nudges at a time: 0 in
 * the others.
 */
export async function nudgeLapsingCapacities(
  manager: EntityManager,
  now: Date,
  confirmEveryMs: number,
  linkFor: (practitionerId: string) => Promise<string>,
): Promise<number> {
  const nudged = await runExclusive(manager, LockId.CapacityNudge, () =>
    nudge(manager, now, confirmEveryMs, linkFor),
  );
  return nudged ?? 0;
}

async function nudge(
  manager: EntityManager,
  now: Date,
  confirmEveryMs: number,
  linkFor: (practitionerId: string) => Promise<string>,
): Promise<number> {
  const cutoff = new Date(now.getTime() - confirmEveryMs + capacityNudgeLeadMs(confirmEveryMs));
  const lapsing = await queryRows<LapsingPractitioner>(
    manager,
    `WITH due AS (
       SELECT p.*, (extract(epoch FROM p.capacity_updated_at) * 1000000)::bigint::text AS declaration
         FROM practitioner p
        WHERE p.active AND p.accepting_new_patients AND p.capacity_updated_at <= $1)
     SELECT id, cpts_id AS "cptsId", first_name AS "firstName", email, phone,
            notify_email AS "notifyEmail", notify_sms AS "notifySms",
            capacity_updated_at AS "capacityUpdatedAt", declaration
       FROM due
      WHERE NOT EXISTS (
              SELECT 1 FROM notification n
               WHERE n.cpts_id = due.cpts_id
                 AND n.dedupe_key = ANY(ARRAY['capacity_confirm:' || due.id || ':' || declaration || ':email',
                                              'capacity_confirm:' || due.id || ':' || declaration || ':sms']))
      LIMIT 1000`,
    [cutoff],
  );
  let inserted = 0;
  for (const practitioner of lapsing) {
    const signInLinkId = await linkFor(practitioner.id);
    const expiresAt = toParisIso(capacityExpiresAt(practitioner.capacityUpdatedAt, confirmEveryMs));
    const requests: NotificationRequest[] = practitionerChannels(practitioner).map(
      ([channel, recipient]) => ({
        channel,
        recipient,
        template: 'practitioner.capacity_confirm',
        params: { firstName: practitioner.firstName, expiresAt, signInLinkId },
        dedupeKey: `capacity_confirm:${practitioner.id}:${practitioner.declaration}:${channel}`,
      }),
    );
    inserted += (await insertNotifications(manager, requests, practitioner.cptsId)).length;
  }
  return inserted;
}
