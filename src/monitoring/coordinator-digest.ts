import { DateTime } from 'luxon';
import type { EntityManager } from 'typeorm';

import { queryRows } from '../database/sql';
import type { NotificationRequest } from '../notifications/notifications.service';
import type { DigestItem } from '../notifications/notifications.service';
import { insertNotifications } from '../notifications/notifications.service';

export interface DigestContent {
  atRisk: DigestItem[];
  unmet: DigestItem[];
}

/**
 * What the daily digest lists for one CPTS: requests still open whose deadline is less than
 * `escalateBeforeMs` away, and requests that became unmet in the last day.
 */
export async function loadDigestContent(
  manager: EntityManager,
  cptsId: string,
  now: Date,
  escalateBeforeMs: number,
): Promise<DigestContent> {
  const rows = await queryRows<{
    reference: string;
    kind: string;
    deadlineAt: Date;
    unmet: boolean;
  }>(
    manager,
    `SELECT reference, kind, deadline_at AS "deadlineAt", status = 'unmet' AS unmet
       FROM orientation_request
      WHERE cpts_id = $1
        AND ((status IN ('pending', 'offered') AND deadline_at < $2::timestamptz + $3 * interval '1 millisecond')
          OR (status = 'unmet' AND COALESCE(closed_at, deadline_at) >= $2::timestamptz - interval '1 day'))
      ORDER BY deadline_at
      LIMIT 200`,
    [cptsId, now, escalateBeforeMs],
  );
  const item = (row: (typeof rows)[number]): DigestItem => ({
    reference: row.reference,
    kind: row.kind,
    deadlineAt: row.deadlineAt.toISOString(),
  });
  return {
    atRisk: rows.filter((row) => !row.unmet).map(item),
    unmet: rows.filter((row) => row.unmet).map(item),
  };
}

/** One digest e-mail per CPTS with something to follow, to each coordinator; once per day. */
export async function queueCoordinatorDigests(
  manager: EntityManager,
  now: Date,
  options: { recipients: string[]; escalateBeforeMs: number; link: string },
): Promise<number> {
  if (options.recipients.length === 0) return 0;
  const day = DateTime.fromJSDate(now).setZone('Europe/Paris');
  const cptsIds = await queryRows<{ id: string }>(manager, `SELECT id FROM cpts ORDER BY id`);
  let inserted = 0;
  for (const { id } of cptsIds) {
    const content = await loadDigestContent(manager, id, now, options.escalateBeforeMs);
    if (content.atRisk.length + content.unmet.length === 0) continue;
    const requests = options.recipients.map(
      (recipient): NotificationRequest<'coordinator.digest'> => ({
        channel: 'email',
        recipient,
        template: 'coordinator.digest',
        params: { date: day.toFormat('dd/LL/yyyy'), ...content, link: options.link },
        dedupeKey: `coordinator.digest:${day.toISODate()}:${recipient}`,
      }),
    );
    inserted += (await insertNotifications(manager, requests, id)).length;
  }
  return inserted;
}
