import type { EntityManager } from 'typeorm';

import { queryRows } from '../database/sql';
import { SAS_APPOINTMENT_TEMPLATE } from './templates/render-message';

/** A change INT_R03 reports: the booking (POST), then each change (conditional PUT). */
export type SasAppointmentChange = 'created' | 'cancelled' | 'honoured' | 'no_show';

/**
 * Queues the SAS feedback of an appointment change in the transaction of the change, when the
 * appointment's request was filed by a SAS regulator; otherwise nothing. Ids only: the FHIR body
 * is built at send time. At most one row per appointment and change (its dedupe key).
 */
export async function queueSasAppointmentChange(
  manager: EntityManager,
  appointmentId: string,
  change: SasAppointmentChange,
): Promise<void> {
  await queryRows(
    manager,
    `INSERT INTO notification (cpts_id, channel, recipient, template, params, request_id, dedupe_key)
     SELECT a.cpts_id, 'sas', a.id::text, $3,
            jsonb_build_object('appointmentId', a.id, 'change', $2::text), a.request_id,
            'sas:' || a.id || ':' || $2
       FROM appointment a JOIN orientation_request r ON r.id = a.request_id
      WHERE a.id = $1 AND r.sas_regulator_person_id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [appointmentId, change, SAS_APPOINTMENT_TEMPLATE],
  );
}
