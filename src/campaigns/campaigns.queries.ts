import type { EntityManager } from 'typeorm';

import { queryRows } from '../database/sql';
import type { CampaignPractitioner } from './campaign-messages';
import type { RecipientRow } from './campaign-summary';

/** A GP to remind of the latest campaign of their CPTS. */
export interface DueReminder extends CampaignPractitioner {
  campaignId: string;
  cptsId: string;
}

/** What a campaign's message needs of a GP (`CampaignPractitioner`), from `practitioner p`. */
const CONTACT_COLUMNS = `p.id AS "practitionerId", p.first_name AS "firstName", p.email, p.phone,
  p.notify_email AS "notifyEmail", p.notify_sms AS "notifySms"`;

/**
 * Marks reminded, and answers, the recipients of the latest campaign of each CPTS who are active
 * GPs, have neither answered nor been reminded, and were sent it at least `remindAfterSeconds` ago.
 */
export function markDueReminders(
  manager: EntityManager,
  remindAfterSeconds: number,
): Promise<DueReminder[]> {
  return queryRows<DueReminder>(
    manager,
    `WITH latest AS (
       SELECT DISTINCT ON (cpts_id) id, cpts_id FROM campaign ORDER BY cpts_id, sent_at DESC, id DESC),
     reminded AS (
       UPDATE campaign_recipient r SET reminded_at = now()
         FROM latest JOIN campaign c ON c.id = latest.id, practitioner p
        WHERE r.campaign_id = latest.id AND p.id = r.practitioner_id AND p.active
          AND r.answered_at IS NULL AND r.reminded_at IS NULL
          AND c.sent_at <= now() - make_interval(secs => $1)
       RETURNING r.campaign_id, r.practitioner_id, r.cpts_id)
     SELECT reminded.campaign_id AS "campaignId", reminded.cpts_id AS "cptsId", ${CONTACT_COLUMNS}
       FROM reminded JOIN practitioner p ON p.id = reminded.practitioner_id`,
    [remindAfterSeconds],
  );
}

/** Makes every active GP of the transaction's CPTS a recipient of the campaign; answers them. */
export function addCampaignRecipients(
  manager: EntityManager,
  campaignId: string,
): Promise<CampaignPractitioner[]> {
  return queryRows<CampaignPractitioner>(
    manager,
    `WITH asked AS (
       INSERT INTO campaign_recipient (campaign_id, practitioner_id)
       SELECT $1, id FROM practitioner WHERE active
       RETURNING practitioner_id)
     SELECT ${CONTACT_COLUMNS}
       FROM practitioner p JOIN asked ON asked.practitioner_id = p.id`,
    [campaignId],
  );
}

/** The recipients of a campaign, with their names and whether they answered or were reminded. */
export function campaignRecipients(
  manager: EntityManager,
  campaignId: string,
): Promise<RecipientRow[]> {
  return queryRows<RecipientRow>(
    manager,
    `SELECT r.practitioner_id AS "practitionerId", p.first_name AS "firstName",
            p.last_name AS "lastName", r.answered_at AS "answeredAt",
            r.reminded_at AS "remindedAt"
       FROM campaign_recipient r JOIN practitioner p ON p.id = r.practitioner_id
      WHERE r.campaign_id = $1`,
    [campaignId],
  );
}
