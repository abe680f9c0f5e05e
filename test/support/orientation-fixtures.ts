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
