import { Client } from 'pg';

import { hashTokenSecret, newTokenSecret } from '../src/access/token-secret';
import { withClient } from '../src/database/scratch-database';
import { loadCommuneReferential } from '../src/territory/commune-referential';
import type { DatasetSize } from './bench-options';
import { layOutCommunes, PlacedCommune } from './commune-layout';

/** A platform token of one CPTS and the communes its patients live in. */
export interface RequestTarget {
  token: string;
  communeCodes: string[];
}

export interface Dataset {
  targets: RequestTarget[];
  /** A CPTS of its own holding exactly `stormSlots` free slots, for the contention storm. */
  storm: { cptsId: string; token: string; communeCode: string };
  /** RPPS of practitioners consenting to the SAS publication: what the FHIR search names. */
  sasRpps: string[];
  counts: Record<
    'cpts' | 'practitioners' | 'futureSlots' | 'accepting' | 'recentBookings' | 'sasPublishing',
    number
  >;
}

export type Step = (label: string) => void;

const STORM_PRACTITIONERS = 10;
const SLOT_MINUTES = 20;
const WEEK_MINUTES = 7 * 24 * 60;
const SLOT_CHUNKS = 20;
/** How many times `buildDataset` reports a step. */
export const DATASET_STEPS = SLOT_CHUNKS + 4;
/** Multiplier of the bijections n -> (n * PRIME) mod count that spread picks over the rows. */
const PRIME = 7919;
/** One practitioner in SAS_SHARE consents to the SAS publication (src/sas). */
const SAS_SHARE = 3;
const SAS_RPPS_SAMPLE = 5_000;

/** How the rows are laid out: how many territories the communes are cut into, the slots' horizon. */
interface Shape {
  territories: number;
  horizonMinutes: number;
}

/** One CPTS on its own, as a real deployment has it (see buildSingleCptsDataset). */
export interface SingleCptsDataset {
  targets: RequestTarget[];
  counts: Dataset['counts'];
}

/**
 * So that the single-CPTS load measures booking rather than the SAS's weekly cap (20 urgent patients
 * per GP), which 150 GPs would reach within seconds of load.
 */
const SINGLE_CPTS_WEEKLY_CAP = 100_000;

/**
 * Builds the national dataset with set-based SQL (generate_series), so that a million slots take a
 * minute rather than an hour: CPTS made of runs of neighbouring communes, practitioners spread
 * over them, slots over the next 7 days, capacity, a week of past urgent bookings, and tokens.
 */
export async function buildDataset(
  url: string,
  size: DatasetSize,
  stormSlots: number,
  step: Step,
): Promise<Dataset> {
  return withClient(url, async (client) => {
    const communes = await populate(
      client,
      size,
      { territories: size.cpts, horizonMinutes: WEEK_MINUTES },
      step,
    );
    await prepareSasPublication(client);
    const storm = await insertStormCpts(client, communes[0], stormSlots);
    step('tokens and statistics');
    const targets = await issueTargets(client);
    const stormToken = await issueToken(client, storm.cptsId);
    const { rows: sas } = await client.query<{ rpps: string }>(
      `SELECT rpps FROM practitioner WHERE sas_publication ORDER BY md5(rpps) LIMIT $1`,
      [SAS_RPPS_SAMPLE],
    );
    await dropWorkTables(client);
    await client.query('VACUUM ANALYZE');
    return {
      targets,
      storm: { ...storm, token: stormToken },
      sasRpps: sas.map((row) => row.rpps),
      counts: await countRows(client),
    };
  });
}

/**
 * One CPTS of `size.practitioners` GPs on a territory of national size (about 87 communes), its
 * slots over the next 48 hours, and its tables as a day of inserts leaves them: no ANALYZE, so
 * the planner sees whatever the statistics say then.
 */
export async function buildSingleCptsDataset(
  url: string,
  size: DatasetSize,
  territories: number,
  step: Step,
): Promise<SingleCptsDataset> {
  return withClient(url, async (client) => {
    await populate(client, size, { territories, horizonMinutes: 48 * 60 }, step);
    await client.query('UPDATE practitioner SET weekly_urgent_cap = $1', [SINGLE_CPTS_WEEKLY_CAP]);
    step('tokens');
    const targets = await issueTargets(client);
    await dropWorkTables(client);
    return { targets, counts: await countRows(client) };
  });
}

/** Communes, CPTS, practitioners, future slots, capacity and a week of past bookings. */
async function populate(
  client: Client,
  size: DatasetSize,
  shape: Shape,
  step: Step,
): Promise<PlacedCommune[]> {
  step('commune centres');
  const communes = layOutCommunes(loadCommuneReferential());
  await insertCommunes(client, communes, shape.territories);
  step('CPTS and practitioners');
  await insertCptsAndPractitioners(client, size);
  await insertSlots(client, size, shape.horizonMinutes, (done) =>
    step(`future slots ${done}/${SLOT_CHUNKS}`),
  );
  step('capacity and past bookings');
  await client.query(
    `UPDATE practitioner p SET accepting_new_patients = true, open_places = 1 + b.n % 5,
            capacity_updated_at = now()
       FROM bench_practitioner b WHERE b.id = p.id AND (b.n * ${PRIME}) % $1 < $2`,
    [size.practitioners, size.accepting],
  );
  await insertRecentBookings(client, size);
  return communes;
}

function dropWorkTables(client: Client): Promise<unknown> {
  return client.query('DROP TABLE bench_commune, bench_cpts, bench_practitioner, bench_recent');
}

async function insertCommunes(
  client: Client,
  communes: PlacedCommune[],
  territories: number,
): Promise<void> {
  await client.query(
    `INSERT INTO commune_centre (code, latitude, longitude)
     SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[])`,
    [
      communes.map((commune) => commune.code),
      communes.map((commune) => commune.latitude),
      communes.map((commune) => commune.longitude),
    ],
  );
  // Runs of consecutive codes (neighbours, see layOutCommunes) make each CPTS's territory.
  const cptsIndex = communes.map((_, index) => Math.floor((index * territories) / communes.length));
  const firstOfCpts = new Map<number, number>();
  cptsIndex.forEach((group, index) => firstOfCpts.set(group, firstOfCpts.get(group) ?? index));
  await client.query(
    `CREATE UNLOGGED TABLE bench_commune AS
     SELECT * FROM unnest($1::text[], $2::float8[], $3::float8[], $4::int[], $5::int[])
              AS c(code, latitude, longitude, cpts_index, k)`,
    [
      communes.map((commune) => commune.code),
      communes.map((commune) => commune.latitude),
      communes.map((commune) => commune.longitude),
      cptsIndex,
      cptsIndex.map((group, index) => index - firstOfCpts.get(group)!),
    ],
  );
}

/** The first `size.cpts` territories become CPTS. */
async function insertCptsAndPractitioners(client: Client, size: DatasetSize): Promise<void> {
  await client.query(
    `CREATE UNLOGGED TABLE bench_cpts AS
     SELECT cpts_index, gen_random_uuid() AS id, array_agg(code ORDER BY k) AS codes
       FROM bench_commune WHERE cpts_index < $1 GROUP BY cpts_index`,
    [size.cpts],
  );
  await client.query(`
    INSERT INTO cpts (id, slug, name, commune_codes)
    SELECT id, 'bench-' || cpts_index, 'CPTS de test ' || cpts_index, codes FROM bench_cpts`);
  await client.query(
    `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address,
                               commune_code, latitude, longitude, modes, availability_updated_at)
     SELECT c.id, lpad(n::text, 11, '0'), 'Camille', 'Médecin ' || n, 'gp' || n || '@example.invalid',
            '+336' || lpad((n % 100000000)::text, 8, '0'), n || ' rue de la Santé', m.code,
            m.latitude + (n % 7 - 3) * 0.002, m.longitude + (n % 5 - 2) * 0.003,
            '{in_person,teleconsultation}', now()
       FROM generate_series(1, $1::int) n
       JOIN bench_cpts c ON c.cpts_index = (n - 1)::bigint * $2 / $1
       JOIN bench_commune m
         ON m.cpts_index = c.cpts_index AND m.k = (n * 31) % cardinality(c.codes)`,
    [size.practitioners, size.cpts],
  );
  await client.query(`
    CREATE UNLOGGED TABLE bench_practitioner AS
    SELECT row_number() OVER (ORDER BY rpps) AS n, id, cpts_id, commune_code FROM practitioner`);
  await client.query('CREATE UNIQUE INDEX ON bench_practitioner (n)');
}

/** Practitioner n gets its share of the slots, spread over the horizon and staggered by quarter hours. */
async function insertSlots(
  client: Client,
  size: DatasetSize,
  horizonMinutes: number,
  progress: (done: number) => void,
): Promise<void> {
  const perPractitioner = Math.max(1, Math.ceil(size.slots / size.practitioners));
  const spacing = Math.floor(horizonMinutes / perPractitioner);
  if (spacing < SLOT_MINUTES) {
    throw new Error(
      `${perPractitioner} slots of ${SLOT_MINUTES} minutes per practitioner do not fit in ${horizonMinutes} minutes`,
    );
  }
  const staggers = Math.max(1, Math.floor((spacing - SLOT_MINUTES) / 15));
  const chunk = Math.ceil(size.practitioners / SLOT_CHUNKS);
  for (let index = 0; index < SLOT_CHUNKS; index += 1) {
    progress(index);
    await client.query(
      `INSERT INTO slot (cpts_id, practitioner_id, starts_at, ends_at, mode)
       SELECT p.cpts_id, p.id, t.s, t.s + interval '${SLOT_MINUTES} minutes',
              CASE WHEN (p.n + k) % 8 = 0 THEN 'teleconsultation' ELSE 'in_person' END
         FROM bench_practitioner p
        CROSS JOIN generate_series(0, $1::int - 1) k
        CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) + interval '1 hour'
                                   + (k * $2::int + ((p.n * 7 + k * 3) % $3::int) * 15)
                                     * interval '1 minute' AS s) t
        WHERE p.n > $4::bigint AND p.n <= $5::bigint
          AND k < $6::bigint * p.n / $7 - $6::bigint * (p.n - 1) / $7`,
      [
        perPractitioner,
        spacing,
        staggers,
        index * chunk,
        (index + 1) * chunk,
        size.slots,
        size.practitioners,
      ],
    );
  }
}

/**
 * A week of urgent bookings already made (past slots, booked requests, appointments): what the
 * weekly cap and the fairness rule count on every match.
 */
async function insertRecentBookings(client: Client, size: DatasetSize): Promise<void> {
  // Practitioner n's bookings are 2 hours apart (rounds), and practitioners spread over 5 days.
  await client.query(
    `CREATE UNLOGGED TABLE bench_recent AS
     SELECT i, gen_random_uuid() AS request_id, gen_random_uuid() AS slot_id,
            p.id AS practitioner_id, p.cpts_id, p.commune_code,
            now() - interval '1 day'
              - (((i - 1) % $2) * 400000.0 / $2 + ((i - 1) / $2) * 7200) * interval '1 second'
              AS created_at
       FROM generate_series(1, $1::int) i
       JOIN bench_practitioner p ON p.n = 1 + (i - 1) % $2`,
    [size.recentBookings, size.practitioners],
  );
  await client.query(`
    INSERT INTO orientation_request (id, cpts_id, reference, kind, status, idempotency_key,
           body_hash, patient_first_name, patient_last_name, patient_birth_date, patient_phone,
           patient_commune_code, accepted_modes, created_at, deadline_at, closed_at)
    SELECT request_id, cpts_id, 'BENCH-' || i, 'urgent', 'booked', 'bench-' || i, 'bench',
           'Alex', 'Martin', '1980-01-01', '+33612345678', commune_code, '{in_person}',
           created_at, created_at + interval '48 hours', created_at
      FROM bench_recent`);
  await client.query(`
    INSERT INTO slot (id, cpts_id, practitioner_id, starts_at, ends_at, mode, status, created_at)
    SELECT slot_id, cpts_id, practitioner_id, created_at + interval '1 hour',
           created_at + interval '1 hour ${SLOT_MINUTES} minutes', 'in_person', 'booked',
           created_at - interval '1 day'
      FROM bench_recent`);
  await client.query(`
    INSERT INTO appointment (cpts_id, request_id, practitioner_id, slot_id, starts_at, ends_at,
                             mode, source, created_at)
    SELECT cpts_id, request_id, practitioner_id, slot_id, created_at + interval '1 hour',
           created_at + interval '1 hour ${SLOT_MINUTES} minutes', 'in_person', 'matching',
           created_at
      FROM bench_recent`);
}

async function insertStormCpts(
  client: Client,
  commune: PlacedCommune,
  slots: number,
): Promise<{ cptsId: string; communeCode: string }> {
  const {
    rows: [{ id: cptsId }],
  } = await client.query<{ id: string }>(
    `INSERT INTO cpts (slug, name, commune_codes) VALUES ('bench-storm', 'CPTS de la tempête', $1)
     RETURNING id`,
    [[commune.code]],
  );
  await client.query(
    `INSERT INTO practitioner (cpts_id, rpps, first_name, last_name, email, phone, address,
                               commune_code, latitude, longitude, modes)
     SELECT $1, lpad((99000000000 + n)::text, 11, '0'), 'Dominique', 'Tempête ' || n,
            'storm' || n || '@example.invalid', '+33699999' || lpad(n::text, 3, '0'),
            'place de la Mairie', $2, $3, $4, '{in_person}'
       FROM generate_series(1, ${STORM_PRACTITIONERS}) n`,
    [cptsId, commune.code, commune.latitude, commune.longitude],
  );
  await client.query(
    `INSERT INTO slot (cpts_id, practitioner_id, starts_at, ends_at, mode)
     SELECT p.cpts_id, p.id, t.s, t.s + interval '${SLOT_MINUTES} minutes', 'in_person'
       FROM (SELECT id, cpts_id, row_number() OVER (ORDER BY rpps) AS n
               FROM practitioner WHERE cpts_id = $1) p
      CROSS JOIN generate_series(0, $2::int - 1) k
      CROSS JOIN LATERAL (SELECT date_trunc('hour', now()) + interval '2 hours'
                                 + k * interval '30 minutes' AS s) t
      WHERE (k * ${STORM_PRACTITIONERS} + p.n - 1) < $2`,
    [cptsId, slots],
  );
  return { cptsId, communeCode: commune.code };
}

/**
 * What the SAS's FHIR search needs: every CPTS with a FINESS and a phone, one practitioner in
 * SAS_SHARE consenting, with their practice's structure identifier.
 */
async function prepareSasPublication(client: Client): Promise<void> {
  await client.query(`
    UPDATE cpts c SET finess = lpad((100000000 + b.cpts_index)::text, 9, '0'),
                      phone = '+33297' || lpad(b.cpts_index::text, 6, '0')
      FROM bench_cpts b WHERE b.id = c.id`);
  await client.query(`
    UPDATE practitioner p SET sas_publication = true, structure_id_type = 'finess',
                              structure_id = lpad((200000000 + b.n)::text, 9, '0')
      FROM bench_practitioner b WHERE b.id = p.id AND b.n % ${SAS_SHARE} = 0`);
}

/** One platform token per CPTS; patients come from the communes where its practices are. */
async function issueTargets(client: Client): Promise<RequestTarget[]> {
  const { rows } = await client.query<{ cptsId: string; communeCodes: string[] }>(`
    SELECT c.id AS "cptsId", array_agg(DISTINCT p.commune_code) AS "communeCodes"
      FROM bench_cpts c JOIN practitioner p ON p.cpts_id = c.id
     GROUP BY c.id ORDER BY c.id`);
  const tokens = rows.map(() => newTokenSecret());
  await client.query(
    `INSERT INTO access_token (cpts_id, role, label, token_hash)
     SELECT cpts_id, 'platform', 'bench', token_hash
       FROM unnest($1::uuid[], $2::bytea[]) AS t(cpts_id, token_hash)`,
    [rows.map((row) => row.cptsId), tokens.map((token) => hashTokenSecret(token))],
  );
  return rows.map((row, index) => ({ token: tokens[index], communeCodes: row.communeCodes }));
}

async function issueToken(client: Client, cptsId: string): Promise<string> {
  const token = newTokenSecret();
  await client.query(
    `INSERT INTO access_token (cpts_id, role, label, token_hash) VALUES ($1, 'platform', 'bench', $2)`,
    [cptsId, hashTokenSecret(token)],
  );
  return token;
}

async function countRows(client: Client): Promise<Dataset['counts']> {
  const { rows } = await client.query<Record<keyof Dataset['counts'], string>>(`
    SELECT (SELECT count(*) FROM cpts WHERE slug <> 'bench-storm') AS cpts,
           (SELECT count(*) FROM practitioner) AS practitioners,
           (SELECT count(*) FROM slot WHERE starts_at > now()) AS "futureSlots",
           (SELECT count(*) FROM practitioner WHERE accepting_new_patients) AS accepting,
           (SELECT count(*) FROM appointment) AS "recentBookings",
           (SELECT count(*) FROM practitioner WHERE sas_publication) AS "sasPublishing"`);
  const row = rows[0];
  return {
    cpts: Number(row.cpts),
    practitioners: Number(row.practitioners),
    futureSlots: Number(row.futureSlots),
    accepting: Number(row.accepting),
    recentBookings: Number(row.recentBookings),
    sasPublishing: Number(row.sasPublishing),
  };
}
