import { Injectable } from '@nestjs/common';

import type { Caller } from '../../access/role';
import type { ConsultationMode } from '../../common/consultation-mode';
import { DomainError } from '../../common/domain-error';
import type { Place } from '../../common/geo';
import { PARIS_TIME_ZONE_SQL, parisIsoSql, toParisIso } from '../../common/paris-time';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { queryRows } from '../../database/sql';
import { CommunesService } from '../../territory/communes.service';
import { capacityExpired } from '../practitioners/capacity-expiry';
import { LiveTableView } from '../slots/dto/slot.view';
import { toWindow } from '../slots/slot-input';
import { windowErrors } from '../slots/slot-rules';
import { contentEtag, LiveTableItem, rankLiveTable } from './live-table';

const HOUR_MS = 60 * 60_000;
const DEFAULT_WINDOW_MS = 48 * HOUR_MS;
const MAX_WINDOW_DAYS = 14;

export interface LiveTableQuery {
  communeCode?: string;
  from?: string;
  to?: string;
  mode?: ConsultationMode;
}

export interface LiveTable {
  etag: string;
  body: LiveTableView;
}

interface PractitionerRow {
  id: string;
  rpps: string;
  firstName: string;
  lastName: string;
  communeCode: string;
  latitude: number | null;
  longitude: number | null;
  accepting: boolean;
  openPlaces: number;
  capacityUpdatedAt: string | null;
  availabilityUpdatedAt: string | null;
}

interface FreeSlotRow {
  id: string;
  practitionerId: string;
  startsAt: string;
  endsAt: string;
  mode: ConsultationMode;
}

/** Exported for the plan check of test/availability-scale.test.ts. */
export const LIVE_TABLE_PRACTITIONERS_SQL = `
  SELECT id, rpps, first_name AS "firstName", last_name AS "lastName",
         commune_code AS "communeCode", latitude, longitude,
         accepting_new_patients AS accepting, open_places AS "openPlaces",
         ${parisIsoSql('capacity_updated_at')} AS "capacityUpdatedAt",
         ${parisIsoSql('availability_updated_at')} AS "availabilityUpdatedAt"
    FROM practitioner WHERE active AND ($1::text IS NULL OR $1 = ANY(modes))`;

export const LIVE_TABLE_FREE_SLOTS_SQL = `
  SELECT id, practitioner_id AS "practitionerId", ${parisIsoSql('starts_at')} AS "startsAt",
         ${parisIsoSql('ends_at')} AS "endsAt", mode
    FROM slot
   WHERE status = 'free' AND starts_at >= $1 AND starts_at < $2
     AND ($3::text IS NULL OR mode = $3)
   ORDER BY starts_at`;

/**
 * The live table of a CPTS: its active practitioners, whether they take new patients, and their
 * free urgent slots of the window. Three queries whatever the size of the CPTS: practitioners,
 * free slots (by the partial index slot_free_by_cpts_start), commune centres. PostgreSQL renders
 * the times (the transaction's time zone is Paris), so that hundreds of slots do not become
 * hundreds of Dates only to be turned back into strings.
 */
@Injectable()
export class LiveTableService {
  constructor(
    private readonly db: Database,
    private readonly communes: CommunesService,
    private readonly config: AppConfig,
  ) {}

  build(caller: Caller, query: LiveTableQuery): Promise<LiveTable> {
    const generatedAt = new Date();
    const window = toWindow(query, generatedAt, DEFAULT_WINDOW_MS);
    const windowProblems = windowErrors(window, MAX_WINDOW_DAYS);
    if (windowProblems.length > 0) {
      throw new DomainError('invalid', windowProblems[0].message, windowProblems);
    }
    const mode = query.mode ?? null;
    return this.db.tenant(caller.cptsId, async (manager) => {
      await queryRows(manager, PARIS_TIME_ZONE_SQL);
      const practitioners = await queryRows<PractitionerRow>(
        manager,
        LIVE_TABLE_PRACTITIONERS_SQL,
        [mode],
      );
      const slots = await queryRows<FreeSlotRow>(manager, LIVE_TABLE_FREE_SLOTS_SQL, [
        window.from,
        window.to,
        mode,
      ]);
      const codes = practitioners.map((practitioner) => practitioner.communeCode);
      if (query.communeCode) codes.push(query.communeCode);
      const places = await this.communes.places(codes, manager);
      const patient = query.communeCode ? places.get(query.communeCode) : undefined;
      if (query.communeCode && !patient) {
        throw DomainError.invalid('communeCode', `no commune has the code ${query.communeCode}`);
      }
      const slotsByPractitioner = groupBy(slots, (slot) => slot.practitionerId);
      const items = rankLiveTable(
        practitioners.map((practitioner) => ({
          item: this.item(
            practitioner,
            slotsByPractitioner.get(practitioner.id) ?? [],
            generatedAt,
          ),
          place: practicePlace(practitioner, places.get(practitioner.communeCode)),
        })),
        patient,
      );
      return { etag: contentEtag(items), body: { generatedAt: toParisIso(generatedAt), items } };
    });
  }

  private item(practitioner: PractitionerRow, slots: FreeSlotRow[], now: Date): LiveTableItem {
    const { capacityUpdatedAt } = practitioner;
    const expired = capacityExpired(
      practitioner.accepting,
      capacityUpdatedAt === null ? null : new Date(capacityUpdatedAt),
      now,
      this.config.capacityConfirmEveryMs,
    );
    return {
      practitioner: {
        id: practitioner.id,
        rpps: practitioner.rpps,
        firstName: practitioner.firstName,
        lastName: practitioner.lastName,
        communeCode: practitioner.communeCode,
        communeName: this.communes.commune(practitioner.communeCode)?.name ?? null,
      },
      newPatients: {
        accepting: practitioner.accepting && !expired,
        openPlaces: practitioner.openPlaces,
        updatedAt: capacityUpdatedAt,
        expired,
      },
      freeSlots: slots.map((slot) => ({
        id: slot.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        mode: slot.mode,
      })),
      availabilityUpdatedAt: practitioner.availabilityUpdatedAt,
    };
  }
}

/** The practice's own coordinates when known, else its commune's centre. */
function practicePlace(
  practitioner: PractitionerRow,
  commune: Place | undefined,
): Place | undefined {
  if (!commune) return undefined;
  const { latitude, longitude } = practitioner;
  if (latitude === null || longitude === null) return commune;
  return { ...commune, point: { latitude, longitude } };
}

function groupBy<T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
}
