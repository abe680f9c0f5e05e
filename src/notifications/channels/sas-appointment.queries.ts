import type { EntityManager } from 'typeorm';

import { queryRows } from '../../database/sql';
import type { SasAppointmentFacts } from '../../sas/sas-booking.service';

/** What INT_R03 reports of an appointment of a request a SAS regulator filed; undefined if gone. */
export async function sasAppointmentFacts(
  manager: EntityManager,
  appointmentId: string,
  cptsId: string,
): Promise<SasAppointmentFacts | undefined> {
  const [facts] = await queryRows<SasAppointmentFacts>(
    manager,
    `SELECT a.id AS "appointmentId", a.status, a.outcome, a.starts_at AS "startsAt",
            a.ends_at AS "endsAt", a.created_at AS "createdAt", p.rpps AS "practitionerRpps",
            r.sas_regulator_national_id AS "regulatorNationalId"
       FROM appointment a
       JOIN practitioner p ON p.id = a.practitioner_id
       JOIN orientation_request r ON r.id = a.request_id
      WHERE a.id = $1 AND a.cpts_id = $2 AND r.sas_regulator_national_id IS NOT NULL`,
    [appointmentId, cptsId],
  );
  return facts;
}

/** Whether an earlier change of the same appointment than this notification is still to deliver. */
export async function earlierSasChangePending(
  manager: EntityManager,
  notificationId: string,
): Promise<boolean> {
  const earlier = await queryRows(
    manager,
    `SELECT 1 FROM notification n, notification me
      WHERE me.id = $1 AND n.channel = 'sas' AND n.recipient = me.recipient AND n.id <> me.id
        AND n.status = 'pending' AND n.created_at < me.created_at
      LIMIT 1`,
    [notificationId],
  );
  return earlier.length > 0;
}
