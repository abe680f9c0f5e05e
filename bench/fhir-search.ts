import { Agent, request } from 'node:https';

import { DateTime } from 'luxon';

import { LoadResult, percentile } from './load-spec';

/** INT_R04 as the SAS sends it: 25 GPs, a 72-hour window, the CPTS includes. */
export const SAS_PRACTITIONERS_PER_QUERY = 25;
export const SAS_WINDOW_HOURS = 72;
const TIMEOUT_MS = 7_000;

export interface FhirSearchSpec {
  /** The FHIR base, such as `https://127.0.0.1:8443/fhir`. */
  base: string;
  tls: { cert: Buffer; key: Buffer; ca: Buffer };
  rpps: string[];
  connections: number;
  durationSeconds: number;
}

export interface FhirSearchResult extends LoadResult {
  /** Mean number of Slot entries per answer. */
  slotsPerAnswer: number;
}

/** The INT_R04 query naming these GPs, times at the Paris offset written raw (`+01:00`). */
export function sasQuery(rpps: string[], from: Date, hours = SAS_WINDOW_HOURS): string {
  const paris = (date: Date) => DateTime.fromJSDate(date, { zone: 'Europe/Paris' }).toISO();
  const to = new Date(from.getTime() + hours * 3_600_000);
  return [
    `start=ge${paris(from)}`,
    `start=le${paris(to)}`,
    `schedule.actor:Practitioner.identifier=${rpps
      .map((number) => `urn:oid:1.2.250.1.71.4.2.1|8${number}`)
      .join(',')}`,
    'status=free',
    '_include=Slot:schedule',
    '_include=Slot:service-type-reference',
    '_include:iterate=Schedule:actor',
    '_include:iterate=HealthcareService:organization',
    '_count=1000',
  ].join('&');
}

function get(agent: Agent, url: URL, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      {
        hostname: url.hostname,
        port: url.port,
        path,
        agent,
        headers: { accept: 'application/fhir+json' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    sent.setTimeout(TIMEOUT_MS, () => sent.destroy(new Error('timeout')));
    sent.on('error', reject);
    sent.end();
  });
}

/** Waits until the FHIR listener answers its metadata (it starts just after the HTTP port). */
export async function waitForFhir(spec: Pick<FhirSearchSpec, 'base' | 'tls'>): Promise<void> {
  const agent = new Agent({ ...spec.tls, keepAlive: false });
  const url = new URL(spec.base);
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await get(agent, url, `${url.pathname}/metadata`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the FHIR listener at ${spec.base} never answered`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/**
 * `connections` SAS clients, each sending INT_R04 searches one after another over its own
 * mutual-TLS keep-alive connection for `durationSeconds`; each search names 25 consenting GPs,
 * taken in turn from the pool.
 */
export async function fhirSearchLoad(spec: FhirSearchSpec): Promise<FhirSearchResult> {
  const agent = new Agent({ ...spec.tls, keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.base);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let socketErrors = 0;
  let timeouts = 0;
  let slots = 0;
  let next = 0;
  const started = Date.now();
  const deadline = started + spec.durationSeconds * 1000;
  const client = async () => {
    while (Date.now() < deadline) {
      const rpps = Array.from(
        { length: SAS_PRACTITIONERS_PER_QUERY },
        () => spec.rpps[next++ % spec.rpps.length],
      );
      const path = `${url.pathname}/Slot?${sasQuery(rpps, new Date())}`;
      const sent = process.hrtime.bigint();
      try {
        const answer = await get(agent, url, path);
        latencies.push(Number(process.hrtime.bigint() - sent) / 1e6);
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 200) slots += (JSON.parse(answer.body) as { total: number }).total;
      } catch (error) {
        if ((error as Error).message === 'timeout') timeouts += 1;
        else socketErrors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, client));
  agent.destroy();
  const seconds = (Date.now() - started) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    statuses,
    booked: 0,
    socketErrors,
    timeouts,
    slotsPerAnswer: latencies.length === 0 ? 0 : slots / latencies.length,
  };
}
