import { randomInt, randomUUID } from 'node:crypto';

import { AccessTokensService } from '../../src/access/access-tokens.service';
import { fileRequest, requestBody } from './orientation-fixtures';
import { createPerson } from './people';
import { createPractitioner, createSlot } from './slot-fixtures';
import type { Tenant, TestApp } from './test-app';

/** Real resources of one CPTS, so that path parameters resolve and ownership means something. */
export interface World {
  /** The practitioner concerned: owns the slots, the booked request and the offer. */
  practitioner: string;
  practitionerToken: string;
  /** Another practitioner of the same CPTS. */
  otherPractitioner: string;
  otherPractitionerToken: string;
  bookedSlot: string;
  freeSlot: string;
  /** An urgent request booked with the practitioner concerned. */
  urgentRequest: string;
  /** A referring-physician request offered to the practitioner concerned. */
  referralRequest: string;
  offer: string;
  platformTokenId: string;
  /** An operator of the CPTS, as a person (not the caller). */
  person: string;
  /** A weekly pattern and an absence of the practitioner concerned (rows only, no slots). */
  pattern: string;
  absence: string;
  /** A redirect target of the CPTS, and a callback planned on the urgent request. */
  redirectTarget: string;
  callback: string;
}

export function randomRpps(): string {
  return String(randomInt(10 ** 10, 10 ** 11 - 1)).padStart(11, '0');
}

/**
 * A fresh world in the tenant's CPTS. Earlier worlds' practitioners are deactivated first, so that
 * matching can only choose this world's practitioner.
 */
export async function createWorld(t: TestApp, tenant: Tenant): Promise<World> {
  const cptsId = tenant.cpts.id;
  await t.db.system(async (manager) => {
    await manager.query(
      `UPDATE practitioner SET active = false, accepting_new_patients = false WHERE cpts_id = $1`,
      [cptsId],
    );
    // A CPTS sends one questionnaire a day: campaigns sent so far, in any CPTS of the test, are
    // made two days old.
    await manager.query(`UPDATE campaign SET sent_at = sent_at - interval '2 days'`);
  });
  const place = { communeCode: '56007', latitude: 47.668, longitude: -2.982 };
  const practitioner = await createPractitioner(t, cptsId, {
    ...place,
    accepting: true,
    openPlaces: 5,
  });
  const otherPractitioner = await createPractitioner(t, cptsId, { ...place, accepting: false });
  const bookedSlot = await createSlot(t, cptsId, practitioner, 120);
  const freeSlot = await createSlot(t, cptsId, practitioner, 300);
  const urgent = await fileRequest(t, tenant.platform, requestBody('urgent'));
  const referral = await fileRequest(t, tenant.platform, requestBody('referring_physician'));
  if (urgent.body.status !== 'booked' || referral.body.status !== 'offered') {
    throw new Error(`world not built: ${urgent.body.status}, ${referral.body.status}`);
  }
  const [offer] = await t.db.system((manager) =>
    manager.query<Array<{ id: string }>>(
      `SELECT id FROM offer WHERE request_id = $1 AND status = 'pending'`,
      [referral.body.id],
    ),
  );
  const platform = await t.app
    .get(AccessTokensService)
    .issue(cptsId, { role: 'platform', label: `world ${randomUUID()}` });
  const [pattern, absence] = await t.db.tenant(cptsId, async (manager) => {
    const [patternRow] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO weekly_pattern (practitioner_id, weekday, start_time, end_time, slot_minutes, mode)
       VALUES ($1, 6, '08:00', '09:00', 30, 'in_person') RETURNING id`,
      [practitioner],
    );
    const [absenceRow] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO absence (practitioner_id, from_date, to_date)
       VALUES ($1, '2031-01-06', '2031-01-12') RETURNING id`,
      [practitioner],
    );
    return [patternRow.id, absenceRow.id];
  });
  const [redirectTarget, callback] = await t.db.tenant(cptsId, async (manager) => {
    const [targetRow] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO redirect_target (name, kind) VALUES ('MMG d''Auray', 'mmg') RETURNING id`,
    );
    const [callbackRow] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO callback_task (request_id, due_at) VALUES ($1, now() + interval '1 hour')
       RETURNING id`,
      [urgent.body.id],
    );
    return [targetRow.id, callbackRow.id];
  });
  return {
    practitioner,
    practitionerToken: await t.token(cptsId, 'practitioner', practitioner),
    otherPractitioner,
    otherPractitionerToken: await t.token(cptsId, 'practitioner', otherPractitioner),
    bookedSlot,
    freeSlot,
    urgentRequest: urgent.body.id as string,
    referralRequest: referral.body.id as string,
    offer: offer.id,
    platformTokenId: platform.id,
    person: (await createPerson(t, cptsId, 'operator')).id,
    pattern,
    absence,
    redirectTarget,
    callback,
  };
}
