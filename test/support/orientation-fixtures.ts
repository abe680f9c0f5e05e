import type { EntityManager } from 'typeorm';

import type { ConsultationMode } from '../../src/common/consultation-mode';
import type { TestApp } from './test-app';

let counter = 0;

export interface PatientFixture {
  firstName?: string;
  communeCode?: string;
  referringPractitionerRpps?: string;
  birthDate?: string;
  phone?: string;
}

/** A request body as a call platform sends it. */
export function requestBody(
  kind: 'urgent' | 'referring_physician',
  patient: PatientFixture = {},
  extra: Record<string, unknown> = {},
) {
  counter += 1;
  return {
    kind,
    patient: {
      firstName: patient.firstName ?? `Patient${counter}`,
      lastName: 'Test',
      birthDate: patient.birthDate ?? '1980-05-17',
      phone: patient.phone ?? '06 12 34 56 78',
      communeCode: patient.communeCode ?? '56007',
      ...(patient.referringPractitionerRpps
        ? { referringPractitionerRpps: patient.referringPractitionerRpps }
        : {}),
    },
    ...extra,
  };
}

/** Files a request over HTTP as a platform, with a fresh idempotency key. */
export function fileRequest(
  t: TestApp,
  token: string,
  body: object,
  key = `key-${++counter}-${Date.now()}`,
) {
  return t.http(token).post('/api/v1/requests').set('Idempotency-Key', key).send(body);
}

export async function requestStatus(t: TestApp, id: string): Promise<string> {
  const [row] = await t.db.system((manager) =>
    manager.query<Array<{ status: string }>>(
      'SELECT status FROM orientation_request WHERE id = $1',
      [id],
    ),
  );
  return row.status;
}

/** Demo commune centres, so that proximity is measured in kilometres. */
export async function seedCentres(t: TestApp): Promise<void> {
  await t.db.system((manager) =>
    manager.query(
      `INSERT INTO commune_centre (code, latitude, longitude) VALUES
         ('56007', 47.668, -2.982), ('56186', 47.484, -3.12), ('56034', 47.584, -3.078), ('56177', 47.776, -3.011)
       ON CONFLICT (code) DO NOTHING`,
    ),
  );
}

/** What a test states of a request inserted straight into the database; the rest is filler. */
export interface RequestFixture {
  kind?: 'urgent' | 'referring_physician';
  status?: string;
  /** Default: now. */
  createdAt?: string;
  deadlineAt?: string;
  unmetReason?: string;
  communeCode?: string;
  assignedAt?: string;
  assignedPractitionerId?: string;
  reason?: string;
  firstName?: string;
  acceptedModes?: ConsultationMode[];
}

let inserted = 0;

/**
 * A request row written in the caller's tenant transaction; closed at its creation unless pending
 * or offered.
 */
export async function insertRequest(
  manager: EntityManager,
  fixture: RequestFixture = {},
): Promise<string> {
  inserted += 1;
  const status = fixture.status ?? 'pending';
  const created = fixture.createdAt ? new Date(fixture.createdAt) : new Date();
  const [row] = await manager.query<Array<{ id: string }>>(
    `INSERT INTO orientation_request
       (reference, kind, status, idempotency_key, body_hash, patient_first_name, patient_last_name,
        patient_birth_date, patient_phone, patient_commune_code, reason, accepted_modes,
        created_at, deadline_at, unmet_reason, assigned_at, assigned_practitioner_id, closed_at)
     VALUES ($1, $2, $3, $4, 'hash', $5, 'Test', '1980-01-01', '+33612345678', $6, $7,
             $8, $9, $10, $11, $12, $13, $14)
     RETURNING id`,
    [
      `REF-${inserted}`,
      fixture.kind ?? 'urgent',
      status,
      `seed-${inserted}`,
      fixture.firstName ?? `Patient${inserted}`,
      fixture.communeCode ?? '56007',
      fixture.reason ?? '',
      fixture.acceptedModes ?? ['in_person'],
      created,
      fixture.deadlineAt
        ? new Date(fixture.deadlineAt)
        : new Date(created.getTime() + 48 * 3_600_000),
      fixture.unmetReason ?? null,
      fixture.assignedAt ? new Date(fixture.assignedAt) : null,
      fixture.assignedPractitionerId ?? null,
      ['pending', 'offered'].includes(status) ? null : created,
    ],
  );
  return row.id;
}
