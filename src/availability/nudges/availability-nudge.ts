import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

import { queryRows } from '../../database/sql';
import type { NotificationRequest } from '../../notifications/notifications.service';
import { insertNotifications } from '../../notifications/notifications.service';
import { practitionerChannels, type Reachable } from '../practitioners/practitioner-channels';
import { STALE_AFTER_DAYS } from './stale-availability';

/** A GP as a nudge needs them: where to reach them, and how to greet them. */
export interface NudgedPractitioner extends Reachable {
  id: string;
  cptsId: string;
  firstName: string;
}

/**
 * Asks every active practitioner whose availability is older than 7 days to refresh it, on the
 * channels they chose (e-mail when they chose none), with a link that opens their space. Once per
 * ISO week, whoever runs it.
 */
export async function nudgeStalePractitioners(
  manager: EntityManager,
  now: Date,
  linkFor: (practitionerId: string) => Promise<string>,
): Promise<number> {
  const stale = await queryRows<NudgedPractitioner>(
    manager,
    `SELECT id, cpts_id AS "cptsId", first_name AS "firstName", email, phone,
            notify_email AS "notifyEmail", notify_sms AS "notifySms"
       FROM practitioner
      WHERE active AND COALESCE(availability_updated_at, created_at) < $1`,
    [DateTime.fromJSDate(now).minus({ days: STALE_AFTER_DAYS }).toJSDate()],
  );
  const week = DateTime.fromJSDate(now).setZone('Europe/Paris').toFormat("kkkk-'W'WW");
  let inserted = 0;
  for (const practitioner of stale) {
    const channels = practitionerChannels(practitioner);
    const signInLinkId = await linkFor(practitioner.id);
    const requests: NotificationRequest[] = channels.map(([channel, recipient]) => ({
      channel,
      recipient,
      template: 'practitioner.availability_stale',
      params: { firstName: practitioner.firstName, signInLinkId },
      dedupeKey: `availability_stale:${practitioner.id}:${channel}:${week}`,
    }));
    inserted += (await insertNotifications(manager, requests, practitioner.cptsId)).length;
  }
  return inserted;
}
