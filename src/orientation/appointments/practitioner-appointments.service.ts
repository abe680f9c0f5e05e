import { Injectable } from '@nestjs/common';

import { assertCanActAsPractitioner } from '../../access/ownership';
import type { Caller } from '../../access/role';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../../common/cursor';
import { DomainError } from '../../common/domain-error';
import type { Page } from '../../common/list-query.dto';
import { toParisIso } from '../../common/paris-time';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { CommunesService } from '../../territory/communes.service';
import type { PractitionerAppointmentsQuery } from './dto/practitioner-appointments.query';
import {
  appointmentWindow,
  type PractitionerAppointmentRow,
  type PractitionerAppointmentView,
  practitionerAppointmentView,
} from './practitioner-appointment-view';

const APPOINTMENTS_SQL = `
  SELECT a.id AS "appointmentId", a.request_id AS "requestId", r.reference,
         a.starts_at AS "startsAt", a.ends_at AS "endsAt", a.mode, p.address,
         p.commune_code AS "communeCode", r.patient_first_name AS "patientFirstName",
         r.patient_last_name AS "patientLastName", r.patient_birth_date::text AS "patientBirthDate",
         r.reason, a.outcome
    FROM appointment a
    JOIN orientation_request r ON r.id = a.request_id
    JOIN practitioner p ON p.id = a.practitioner_id
   WHERE a.practitioner_id = $1 AND a.status = 'booked'
     AND a.starts_at >= $2 AND a.starts_at < $3
     AND ($4::timestamptz IS NULL OR (a.starts_at, a.id) > ($4, $5::uuid))
   ORDER BY a.starts_at, a.id
   LIMIT $6`;

/** "Mes patients": the appointments booked with a GP, for them and the coordination. */
@Injectable()
export class PractitionerAppointmentsService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
  ) {}

  list(
    caller: Caller,
    practitionerId: string,
    query: PractitionerAppointmentsQuery,
  ): Promise<Page<PractitionerAppointmentView>> {
    assertCanActAsPractitioner(caller, practitionerId);
    const now = new Date();
    const window = appointmentWindow(query, now);
    if ('field' in window) throw DomainError.invalid(window.field, window.message);
    const after = decodeTimeIdCursor(query.cursor);
    return this.db.tenant(caller.cptsId, async (manager) => {
      if (!(await manager.existsBy(Practitioner, { id: practitionerId }))) {
        throw DomainError.notFound('Practitioner');
      }
      const rows = await queryRows<PractitionerAppointmentRow>(manager, APPOINTMENTS_SQL, [
        practitionerId,
        window.from,
        window.to,
        after?.at ?? null,
        after?.id ?? null,
        query.limit + 1,
      ]);
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((row) =>
          practitionerAppointmentView(row, this.communes.name(row.communeCode), now, toParisIso),
        ),
        nextCursor:
          rows.length > query.limit && last
            ? encodeTimeIdCursor(last.startsAt, last.appointmentId)
            : null,
      };
    });
  }
}
