import type { EntityManager } from 'typeorm';

import { queryRows } from '../database/sql';
import type { SasSlotRow } from './slot-bundle';
import type { SlotSearch } from './slot-search-query';

/**
 * The free slots of consenting GPs named by RPPS, across every CPTS the transaction's role reads,
 * starting within the search's bounds and at least `minLeadSeconds` from now, by start.
 */
export function freeSasSlots(
  manager: EntityManager,
  search: Pick<SlotSearch, 'rpps' | 'from' | 'to' | 'cpts'>,
  minLeadSeconds: number,
): Promise<SasSlotRow[]> {
  const lower = search.from.inclusive ? '>=' : '>';
  const upper = search.to.inclusive ? '<=' : '<';
  return queryRows<SasSlotRow>(
    manager,
    `SELECT s.id AS "slotId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.mode,
            p.id AS "practitionerId", p.rpps, p.first_name AS "firstName",
            p.last_name AS "lastName", p.phone, p.address, p.commune_code AS "communeCode",
            p.structure_id_type AS "structureIdType", p.structure_id AS "structureId",
            c.id AS "cptsId", c.name AS "cptsName", c.finess AS "cptsFiness",
            c.phone AS "cptsPhone"
       FROM practitioner p
       JOIN cpts c ON c.id = p.cpts_id
       JOIN slot s ON s.practitioner_id = p.id AND s.cpts_id = p.cpts_id
      WHERE p.rpps = ANY($1::text[])
        AND p.sas_publication AND p.active
        AND ($2::boolean OR c.finess IS NOT NULL)
        AND s.status = 'free'
        AND s.starts_at ${lower} $3 AND s.starts_at ${upper} $4
        AND s.starts_at >= now() + make_interval(secs => $5)
      ORDER BY s.starts_at, s.id`,
    [
      search.rpps,
      // A CPTS without FINESS cannot be described to the SAS: its slots stay out of a CPTS search.
      !search.cpts,
      search.from.at,
      search.to.at,
      minLeadSeconds,
    ],
  );
}
