import { randomInt } from 'node:crypto';

import type { EntityManager } from 'typeorm';

import type { SlotStatus } from '../../src/availability/slots/slot.entity';
import type { ConsultationMode } from '../../src/common/consultation-mode';
import type { TestApp } from './test-app';

export interface PractitionerFixture {
  firstName?: string;
  lastName?: string;
  email?: string;
  communeCode?: string;
  latitude?: number | null;
  longitude?: number | null;
  modes?: ConsultationMode[];
  active?: boolean;
  accepting?: boolean;
  openPlaces?: number;
  rpps?: string;
  weeklyUrgentCap?: number;
  /** Consents to the publication of their urgent slots to the SAS (and to its regulators' bookings). */
  sasPublication?: boolean;
}

/** A practitioner row written straight to the database, in the given CPTS. */
export async function createPractitioner(
  t: TestApp,
  cptsId: string,
  fixture: PractitionerFixture = {},
): Promise<string> {
  const rpps = fixture.rpps ?? String(randomInt(10 ** 10, 10 ** 11 - 1)).padStart(11, '0');
  return t.db.tenant(cptsId, async (manager) => {
    const [row] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO practitioner (rpps, first_name, last_name, email, phone, address, commune_code,
                                 latitude, longitude, modes, active, accepting_new_patients,
                                 open_places, weekly_urgent_cap, capacity_updated_at, sas_publication)
       VALUES ($1, $2, $3, $12, '+33600000000', '1 rue de la Gare', $4,
               $5, $6, $7, $8, $9, $10, $11, now(), $13)
       RETURNING id`,
      [
        rpps,
        fixture.firstName ?? 'Anne',
        fixture.lastName ?? 'Le Goff',
        fixture.communeCode ?? '56007',
        fixture.latitude ?? null,
        fixture.longitude ?? null,
        fixture.modes ?? ['in_person', 'teleconsultation'],
        fixture.active ?? true,
        fixture.accepting ?? false,
        fixture.openPlaces ?? 0,
        fixture.weeklyUrgentCap ?? 20,
        fixture.email ?? 'dr@example.invalid',
        fixture.sasPublication ?? false,
      ],
    );
    return row.id;
  });
}

/** A time `minutes` from now, rounded to the minute, as an RFC 3339 UTC string. */
export function inMinutes(minutes: number, from = Date.now()): string {
  const time = new Date(Math.floor(from / 60_000) * 60_000 + minutes * 60_000);
  return time.toISOString().replace('.000Z', 'Z');
}

export interface StoredSlot {
  id: string;
  startsAt: string;
  endsAt: string;
  mode: string;
  status: string;
}

/** A practitioner's slots as stored, in start order, read outside any tenant. */
export function storedSlots(t: TestApp, practitionerId: string): Promise<StoredSlot[]> {
  return t.db.system((manager) =>
    manager.query<StoredSlot[]>(
      `SELECT id, to_char(starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "startsAt",
              to_char(ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "endsAt",
              mode, status
         FROM slot WHERE practitioner_id = $1 ORDER BY starts_at`,
      [practitionerId],
    ),
  );
}

export async function bookSlot(t: TestApp, slotId: string): Promise<void> {
  await t.db.system((manager) =>
    manager.query(`UPDATE slot SET status = 'booked' WHERE id = $1`, [slotId]),
  );
}

export async function availabilityUpdatedAt(t: TestApp, practitionerId: string): Promise<Date> {
  const [row] = await t.db.system((manager) =>
    manager.query<Array<{ at: Date }>>(
      `SELECT availability_updated_at AS at FROM practitioner WHERE id = $1`,
      [practitionerId],
    ),
  );
  return row.at;
}

export async function eventTypes(t: TestApp, cptsId: string): Promise<string[]> {
  const rows = await t.db.system((manager) =>
    manager.query<Array<{ type: string }>>(
      `SELECT type FROM availability_event WHERE cpts_id = $1 ORDER BY id`,
      [cptsId],
    ),
  );
  return rows.map((row) => row.type);
}

export interface SlotFixture {
  mode?: ConsultationMode;
  status?: SlotStatus;
}

/** A slot 20 minutes long from `startsAt`, written in the caller's tenant transaction. */
export async function insertSlot(
  manager: EntityManager,
  practitionerId: string,
  startsAt: Date | string,
  { mode = 'in_person', status = 'free' }: SlotFixture = {},
): Promise<string> {
  const [row] = await manager.query<Array<{ id: string }>>(
    `INSERT INTO slot (practitioner_id, starts_at, ends_at, mode, status)
     VALUES ($1, $2, $2::timestamptz + interval '20 minutes', $3, $4) RETURNING id`,
    [practitionerId, startsAt, mode, status],
  );
  return row.id;
}

/** A slot written straight to the database in the CPTS: `start` minutes from now, or at `start`. */
export function createSlot(
  t: TestApp,
  cptsId: string,
  practitionerId: string,
  start: number | Date,
  fixture: SlotFixture = {},
): Promise<string> {
  const startsAt = typeof start === 'number' ? inMinutes(start) : start;
  return t.db.tenant(cptsId, (manager) => insertSlot(manager, practitionerId, startsAt, fixture));
}
