import type { EntityManager } from 'typeorm';

import { AccessToken } from '../../access/access-token.entity';
import { Practitioner } from '../../availability/practitioners/practitioner.entity';
import { asEntity, queryRows } from '../../database/sql';
import { Person } from '../../people/person.entity';
import { Appointment } from '../urgent/appointment.entity';
import { OrientationRequest } from './orientation-request.entity';
import { RequestEvent } from './request-event.entity';
import type { HistoryEvent } from './request-view';

export type RequestWithParts = OrientationRequest & {
  booked?: Appointment & { practitioner: Practitioner };
  assignee?: Practitioner;
  history: HistoryEvent[];
};

type Row = Record<string, unknown>;

/**
 * The request, its booked appointment with its practitioner, its assigned practitioner and its
 * history with who acted, in one query whose parts come back as JSON: PostgreSQL builds them, no
 * row is repeated per history entry, and they become entities as TypeORM makes them
 * (`asEntity`). Of a person or token, only what the history shows.
 */
const REQUEST_WITH_PARTS = `
  SELECT r.*,
         (SELECT to_jsonb(a) || jsonb_build_object('practitioner', to_jsonb(ap))
            FROM appointment a JOIN practitioner ap ON ap.id = a.practitioner_id
           WHERE a.request_id = r.id AND a.status = 'booked'
           LIMIT 1) AS parts_booked,
         (SELECT to_jsonb(asg) FROM practitioner asg WHERE asg.id = r.assigned_practitioner_id)
           AS parts_assignee,
         (SELECT coalesce(jsonb_agg(to_jsonb(e) || jsonb_build_object(
                    'person', CASE WHEN p.id IS NOT NULL THEN jsonb_build_object(
                      'id', p.id, 'display_name', p.display_name, 'role', p.role) END,
                    'token', CASE WHEN t.id IS NOT NULL THEN jsonb_build_object(
                      'id', t.id, 'label', t.label, 'role', t.role) END)
                  ORDER BY e.id), '[]'::jsonb)
            FROM request_event e
            LEFT JOIN person p ON p.id = e.actor_person_id
            LEFT JOIN access_token t ON t.id = e.actor_token_id
           WHERE e.request_id = r.id) AS parts_history
    FROM orientation_request r
   WHERE r.id = $1`;

export async function findRequestWithParts(
  manager: EntityManager,
  id: string,
): Promise<RequestWithParts | undefined> {
  const [row] = await queryRows<
    Row & { parts_booked: Row | null; parts_assignee: Row | null; parts_history: Row[] }
  >(manager, REQUEST_WITH_PARTS, [id]);
  if (!row) return undefined;
  const { parts_booked: booked, parts_assignee: assignee, parts_history: history } = row;
  const request: RequestWithParts = Object.assign(asEntity(manager, OrientationRequest, row), {
    history: history.map((event): HistoryEvent => {
      const entry: HistoryEvent = asEntity(manager, RequestEvent, event);
      if (event.person) entry.person = asEntity(manager, Person, event.person as Row);
      if (event.token) entry.token = asEntity(manager, AccessToken, event.token as Row);
      return entry;
    }),
  });
  if (booked) {
    request.booked = Object.assign(asEntity(manager, Appointment, booked), {
      practitioner: asEntity(manager, Practitioner, booked.practitioner as Row),
    });
  }
  if (assignee) request.assignee = asEntity(manager, Practitioner, assignee);
  return request;
}
