import fc from 'fast-check';

import { candidatesQuery } from '../src/orientation/urgent/candidates-query';
import { patientPlace, practicePlace } from '../src/orientation/urgent/practice-places';
import { rankCandidates, SlotCandidate } from '../src/orientation/urgent/urgent-ranking';
import { CommunesService } from '../src/territory/communes.service';
import { seedCentres } from './support/orientation-fixtures';
import { insertSlot } from './support/slot-fixtures';
import { startTestApp, TestApp } from './support/test-app';

// Morbihan communes with a centre (seedCentres), one without, and others of Brittany: every
// proximity tier happens.
const COMMUNES = ['56007', '56186', '56034', '56177', '56260', '56121', '29019', '35238'];

const practiceArbitrary = fc.record({
  communeCode: fc.constantFrom(...COMMUNES),
  point: fc.option(
    fc.record({
      latitude: fc.double({ min: 47.3, max: 48.1, noNaN: true }),
      longitude: fc.double({ min: -3.5, max: -2.4, noNaN: true }),
    }),
  ),
  weeklyCap: fc.integer({ min: 1, max: 4 }),
  recent: fc.integer({ min: 0, max: 5 }),
  older: fc.integer({ min: 0, max: 2 }),
  cancelled: fc.integer({ min: 0, max: 2 }),
  slotHours: fc.uniqueArray(fc.integer({ min: 2, max: 12 }), { minLength: 0, maxLength: 3 }),
});

const caseArbitrary = fc.record({
  practices: fc.array(practiceArbitrary, { minLength: 1, maxLength: 12 }),
  patientCommune: fc.constantFrom(...COMMUNES),
  radiusKm: fc.constantFrom(null, 3, 10, 20, 40),
  ownGp: fc.option(fc.nat()),
});

/**
 * The SQL ranking of the candidates query against the pure description of the order
 * (rankCandidates): on random practices, positions, bookings and caps, the query's rows come in the
 * order the pure ranking gives to every free slot, and only those it keeps.
 */
describe('the candidates query ranks as rankCandidates', () => {
  let t: TestApp;
  let communes: CommunesService;

  beforeAll(async () => {
    t = await startTestApp();
    communes = t.app.get(CommunesService);
    await seedCentres(t);
  });

  afterAll(() => t?.close());

  it('gives the same order as the pure ranking', async () => {
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (example) => {
        const { cpts } = await t.tenant();
        const base = Math.floor(Date.now() / 3_600_000) * 3_600_000;
        const { sqlOrder, pureOrder } = await t.db.tenant(cpts.id, async (manager) => {
          const rppsList: string[] = [];
          for (const [index, practice] of example.practices.entries()) {
            const rpps = String(10_000_000_000 + index);
            rppsList.push(rpps);
            const [{ id }] = await manager.query<Array<{ id: string }>>(
              `INSERT INTO practitioner (rpps, first_name, last_name, email, phone, address,
                                         commune_code, latitude, longitude, modes, weekly_urgent_cap)
               VALUES ($1, 'A', 'B', 'dr@example.invalid', '+33600000000', '1 rue', $2, $3, $4,
                       '{in_person}', $5) RETURNING id`,
              [
                rpps,
                practice.communeCode,
                practice.point?.latitude ?? null,
                practice.point?.longitude ?? null,
                practice.weeklyCap,
              ],
            );
            for (const hour of practice.slotHours) {
              await insertSlot(manager, id, new Date(base + hour * 3_600_000));
            }
            const bookings = [
              ...Array<[string, string]>(practice.recent).fill(['booked', '1 day']),
              ...Array<[string, string]>(practice.older).fill(['booked', '8 days']),
              ...Array<[string, string]>(practice.cancelled).fill(['cancelled', '1 day']),
            ];
            for (const [n, [status, age]] of bookings.entries()) {
              await manager.query(
                `WITH r AS (
                   INSERT INTO orientation_request (reference, kind, status, idempotency_key,
                          body_hash, patient_first_name, patient_last_name, patient_birth_date,
                          patient_phone, patient_commune_code, accepted_modes, deadline_at)
                   VALUES ($1, 'urgent', 'booked', $1, 'h', 'P', 'T', '1980-01-01',
                           '+33600000000', '56007', '{in_person}', now()) RETURNING id)
                 INSERT INTO appointment (request_id, practitioner_id, starts_at, ends_at, mode,
                                          source, status, created_at)
                 SELECT r.id, $2, now(), now() + interval '20 minutes', 'in_person', 'matching',
                        $3, now() - $4::interval FROM r`,
                [`R-${index}-${n}`, id, status, age],
              );
            }
          }
          const ownGpRpps =
            example.ownGp === null ? null : rppsList[example.ownGp % rppsList.length];
          const patient = await patientPlace(communes, manager, example.patientCommune);
          const minStart = new Date(Date.now() + 60_000);
          const deadlineAt = new Date(base + 24 * 3_600_000);
          const { sql, parameters } = candidatesQuery({
            minStart,
            deadlineAt,
            modes: ['in_person'],
            box: null,
            ownGpRpps,
            patient,
            epciMembers: patient.epciCode ? communes.directory.epciMembers(patient.epciCode) : [],
            radiusKm: example.radiusKm,
            limit: 1000,
          });
          const ranked = await manager.query<Array<{ slotId: string }>>(sql, parameters);
          const everySlot = await manager.query<
            Array<{
              slotId: string;
              practitionerId: string;
              rpps: string;
              startsAt: Date;
              endsAt: Date;
              communeCode: string;
              latitude: number | null;
              longitude: number | null;
              centreLatitude: number | null;
              centreLongitude: number | null;
              weeklyCap: number;
              recentBookings: number;
            }>
          >(
            `SELECT s.id AS "slotId", p.id AS "practitionerId", p.rpps, s.starts_at AS "startsAt",
                    s.ends_at AS "endsAt", p.commune_code AS "communeCode", p.latitude, p.longitude,
                    c.latitude AS "centreLatitude", c.longitude AS "centreLongitude",
                    p.weekly_urgent_cap AS "weeklyCap",
                    (SELECT count(*)::int FROM appointment a WHERE a.practitioner_id = p.id
                        AND a.status = 'booked' AND a.created_at > now() - interval '7 days')
                      AS "recentBookings"
               FROM slot s JOIN practitioner p ON p.id = s.practitioner_id
               LEFT JOIN commune_centre c ON c.code = p.commune_code
              WHERE s.starts_at >= $1 AND s.starts_at < $2`,
            [minStart, deadlineAt],
          );
          const candidates: SlotCandidate[] = everySlot.map((row) => ({
            ...row,
            mode: 'in_person',
            practice: practicePlace(communes.commune(row.communeCode), row),
            ownGp: row.rpps === ownGpRpps,
          }));
          return {
            sqlOrder: ranked.map((row) => row.slotId),
            pureOrder: rankCandidates(candidates, patient, example.radiusKm).map(
              (candidate) => candidate.slotId,
            ),
          };
        });
        expect(sqlOrder).toEqual(pureOrder);
      }),
      { numRuns: 40 },
    );
  });
});
