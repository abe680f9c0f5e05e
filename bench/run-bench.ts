import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Client } from 'pg';

import { freePort } from '../src/common/free-port';
import { createScratchDatabase, ScratchDatabase } from '../src/database/scratch-database';
import { deliveryConcurrency } from '../src/notifications/delivery-pace';
import type { BenchOptions } from './bench-options';
import { bareBullmqLoop, deleteQueueKeys } from './bullmq-loop';
import { ThrowAwayPki } from './certificates';
import { contentionStorm } from './contention-storm';
import { BookingCost, CostMeter } from './cost';
import {
  buildDataset,
  buildSingleCptsDataset,
  Dataset,
  DATASET_STEPS,
  RequestTarget,
} from './dataset';
import {
  fhirSearchLoad,
  type FhirSearchResult,
  SAS_PRACTITIONERS_PER_QUERY,
  SAS_WINDOW_HOURS,
  waitForFhir,
} from './fhir-search';
import { httpLoad } from './http-load';
import { LoadResult, LoadSpec, median } from './load-spec';
import { describeMachine, SERVER_URL } from './machine';
import { drainOutbox, notificationThroughput } from './notification-throughput';
import { Pgbench, PgbenchResult, preparePgbench } from './pgbench';
import { Progress } from './progress';
import {
  BenchResults,
  checkTargets,
  FhirSearchFigure,
  LoadFigure,
  medianLoad,
  medianPgbench,
  OrientationFigure,
  runName,
  SingleCptsResults,
} from './report';
import { PhaseMemory, ServiceProcess, startService } from './service-process';

const AVAILABILITY_CONCURRENCIES = [1, 16];
const EMPTY_REQUEST_CONCURRENCY = 16;
/** The SAS calls each source synchronously; a few at once at the national peak. */
const FHIR_CONCURRENCIES = [1, 8];
/** The per-channel limit the bench gives the service (SMS and e-mail): not what is measured. */
const CHANNEL_PER_SECOND = 10_000;
/**
 * The messages our notification workers hold at once on the SMS and e-mail queues together: the
 * bare loop runs as many jobs at once, one message each (ours carry up to 100 a job at this limit,
 * `deliveryPace`; the reference stays what it was before they did).
 */
const NOTIFICATION_CONCURRENCY = 2 * deliveryConcurrency(CHANNEL_PER_SECOND);
const WARM_UP_SECONDS = 2;
/** The answer to an urgent request filed, booked or not: anything else is a failure. */
const CREATED = '201';

/** An orientation figure before the pgbench reference of the same number of clients is known. */
type OrientationLoad = Omit<OrientationFigure, 'pgbenchTps' | 'ratio'>;

interface ServicePhases {
  orientation: OrientationLoad[];
  emptyRequest: LoadFigure;
  availability: LoadFigure[];
  fhirSearch: FhirSearchFigure[];
  notifications: number;
  storm: BenchResults['storm'];
  peakRssMb: number;
  memory: PhaseMemory[];
}

/**
 * The whole bench: a fresh national dataset, the service under load in its own process, the
 * machine's references (pgbench, bare BullMQ) in the same run; scratch databases and queue keys
 * are removed whatever happens.
 */
export async function runBench(options: BenchOptions, redisUrl: string): Promise<BenchResults> {
  const started = Date.now();
  const startedAt = new Date().toISOString();
  const machine = await describeMachine(redisUrl);
  const { runs, concurrencies } = options;
  const progress = new Progress(
    1 +
      DATASET_STEPS +
      runs *
        (concurrencies.length + 1 + AVAILABILITY_CONCURRENCIES.length + FHIR_CONCURRENCIES.length) +
      1 +
      2 * runs +
      1 +
      runs * concurrencies.length +
      1 +
      DATASET_STEPS +
      runs * options.singleCpts.concurrencies.length,
  );
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  mkdirSync(options.outDir, { recursive: true });
  const serviceLog = join(options.outDir, `${runName(startedAt, options.quick)}-service.log`);
  let database: ScratchDatabase | undefined;
  let singleDatabase: ScratchDatabase | undefined;
  let pgbench: Pgbench | undefined;
  try {
    progress.step('scratch database');
    database = await createScratchDatabase({ serverUrl: SERVER_URL, prefix: 'bench' });
    const datasetStarted = Date.now();
    const dataset = await buildDataset(database.url, options.size, options.stormSlots, (label) =>
      progress.step(`dataset: ${label}`),
    );
    const datasetSeconds = (Date.now() - datasetStarted) / 1000;
    const service = await measureService(
      options,
      progress,
      database.url,
      redisUrl,
      prefix,
      dataset,
      serviceLog,
    );
    await database.drop();
    database = undefined;

    progress.step('single CPTS: scratch database');
    singleDatabase = await createScratchDatabase({ serverUrl: SERVER_URL, prefix: 'bench_single' });
    const single = await measureSingleCpts(
      options,
      progress,
      singleDatabase.url,
      redisUrl,
      prefix,
      serviceLog.replace(/-service\.log$/, '-single-cpts-service.log'),
    );
    await singleDatabase.drop();
    singleDatabase = undefined;

    const bare: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      progress.step(`bare BullMQ loop ${run + 1}/${runs}`);
      bare.push(
        await bareBullmqLoop(
          redisUrl,
          `${prefix}-bare`,
          options.notifications,
          NOTIFICATION_CONCURRENCY,
        ),
      );
    }
    progress.step('pgbench: initialise');
    pgbench = await preparePgbench(options.pgbenchScale);
    const tps = new Map<number, PgbenchResult>();
    for (const clients of concurrencies) {
      const results: PgbenchResult[] = [];
      for (let run = 0; run < runs; run += 1) {
        progress.step(`pgbench ${clients} clients ${run + 1}/${runs}`);
        results.push(await pgbench.run(clients, options.durationSeconds));
      }
      tps.set(clients, medianPgbench(results));
    }

    const beside = (figures: OrientationLoad[]): OrientationFigure[] =>
      figures.map((figure) => {
        const reference = tps.get(figure.connections)?.tps ?? NaN;
        return { ...figure, pgbenchTps: reference, ratio: figure.perSecond / reference };
      });
    const bareMedian = median(bare);
    const partial = {
      startedAt,
      quick: options.quick,
      machine,
      dataset: { ...dataset.counts, seconds: datasetSeconds },
      runs,
      durationSeconds: options.durationSeconds,
      orientation: beside(service.orientation),
      emptyRequest: service.emptyRequest,
      singleCpts: { ...single, orientation: beside(single.orientation) },
      availability: service.availability,
      fhirSearch: service.fhirSearch,
      notifications: {
        rows: options.notifications,
        perSecond: service.notifications,
        bareBullmqPerSecond: bareMedian,
        ratio: service.notifications / bareMedian,
      },
      storm: service.storm,
      peakRssMb: service.peakRssMb,
      memory: service.memory,
    };
    return {
      ...partial,
      targets: checkTargets(partial),
      serviceLog,
      totalSeconds: (Date.now() - started) / 1000,
    };
  } finally {
    progress.stop();
    await pgbench?.drop();
    await database?.drop();
    await singleDatabase?.drop();
    await deleteQueueKeys(redisUrl, prefix);
    await deleteQueueKeys(redisUrl, `${prefix}-bare`);
  }
}

async function measureService(
  options: BenchOptions,
  progress: Progress,
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  dataset: Dataset,
  serviceLog: string,
): Promise<ServicePhases> {
  const { runs, durationSeconds } = options;
  // The SAS platform's mutual-TLS listener, with certificates made for this run.
  const pki = new ThrowAwayPki();
  const serverCa = pki.authority('bench-server-ca');
  const sasCa = pki.authority('bench-sas-ca');
  const server = pki.issue('bench-server', serverCa, '/CN=localhost', true);
  const sas = pki.issue('bench-sas', sasCa, '/CN=bench.sas.test/OU=SAS');
  const fhirPort = await freePort();
  const service = await startBenchService(databaseUrl, redisUrl, prefix, serviceLog, {
    FHIR_TLS_PORT: String(fhirPort),
    FHIR_TLS_CERT: server.certFile,
    FHIR_TLS_KEY: server.keyFile,
    FHIR_TLS_CLIENT_CA: sasCa.certFile,
    FHIR_TLS_ALLOWED_CLIENTS: 'CN=bench.sas.test/OU=SAS',
  }).catch((error: unknown) => {
    pki.remove();
    throw error;
  });
  const memory = [service.endPhase('start, until ready')];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const load = (kind: LoadSpec['kind'], connections: number, seconds: number) =>
      httpLoad({
        url: service.url,
        kind,
        connections,
        durationSeconds: seconds,
        targets: dataset.targets,
      });
    // First, while no booking's messages are being delivered in the background.
    const emptyRequest = await measureEmptyRequest(service, client, options, (label) =>
      progress.step(label),
    );
    memory.push(service.endPhase(`GET /health/live, ${EMPTY_REQUEST_CONCURRENCY} clients`));
    const orientation = await measureOrientation(
      service,
      client,
      dataset.targets,
      options.concurrencies,
      options,
      (label) => progress.step(label),
      memory,
    );
    const availability: LoadFigure[] = [];
    for (const connections of AVAILABILITY_CONCURRENCIES) {
      const results: LoadResult[] = [];
      for (let run = 0; run < runs; run += 1) {
        progress.step(`GET /availability ${connections} clients ${run + 1}/${runs}`);
        results.push(await load('availability', connections, durationSeconds));
      }
      availability.push(medianLoad(connections, results));
      memory.push(service.endPhase(`GET /availability, ${connections} clients`));
    }
    const fhir = {
      base: `https://127.0.0.1:${fhirPort}/fhir`,
      tls: { cert: sas.cert, key: sas.key, ca: serverCa.cert },
      rpps: dataset.sasRpps,
    };
    await waitForFhir(fhir);
    await fhirSearchLoad({ ...fhir, connections: 1, durationSeconds: WARM_UP_SECONDS });
    const fhirSearch: FhirSearchFigure[] = [];
    for (const connections of FHIR_CONCURRENCIES) {
      const results: FhirSearchResult[] = [];
      for (let run = 0; run < runs; run += 1) {
        progress.step(`FHIR GET /Slot (INT_R04) ${connections} clients ${run + 1}/${runs}`);
        results.push(await fhirSearchLoad({ ...fhir, connections, durationSeconds }));
      }
      fhirSearch.push({
        ...medianLoad(connections, results),
        practitionersPerQuery: SAS_PRACTITIONERS_PER_QUERY,
        windowHours: SAS_WINDOW_HOURS,
        slotsPerAnswer: median(results.map((result) => result.slotsPerAnswer)),
      });
      memory.push(service.endPhase(`FHIR search, ${connections} clients`));
    }
    progress.step('contention storm');
    const storm = await contentionStorm(
      client,
      service.url,
      dataset.storm,
      options.stormRequests,
      options.stormSlots,
    );
    memory.push(service.endPhase('contention storm'));
    const notifications: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      progress.step(`notifications ${run + 1}/${runs}`);
      await drainOutbox(client);
      notifications.push(
        await notificationThroughput(client, dataset.storm.cptsId, options.notifications),
      );
    }
    return {
      orientation,
      emptyRequest,
      availability,
      fhirSearch,
      notifications: median(notifications),
      storm,
      peakRssMb: service.peakRssMb(),
      memory: [...memory, service.endPhase('notifications')],
    };
  } finally {
    await client.end();
    await service.stop();
    pki.remove();
  }
}

function startBenchService(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  serviceLog: string,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  return startService(
    {
      ...env,
      DATABASE_URL: databaseUrl,
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '10000000',
      // The per-channel limiters (10 SMS and 10 e-mails a second by default) would be the only thing
      // measured; the bench wants what the pipeline itself can do.
      SMS_PER_SECOND: String(CHANNEL_PER_SECOND),
      EMAIL_PER_SECOND: String(CHANNEL_PER_SECOND),
    },
    serviceLog,
  );
}

/**
 * Urgent requests at each number of clients, after a warm-up; each run also measures what a
 * booking cost the machine (CPU of the service and of PostgreSQL, round trips).
 */
async function measureOrientation(
  service: ServiceProcess,
  client: Client,
  targets: RequestTarget[],
  concurrencies: number[],
  { runs, durationSeconds }: Pick<BenchOptions, 'runs' | 'durationSeconds'>,
  step: (label: string) => void,
  memory: PhaseMemory[],
): Promise<OrientationLoad[]> {
  const load = (connections: number, seconds: number) =>
    httpLoad({
      url: service.url,
      kind: 'urgent-request',
      connections,
      durationSeconds: seconds,
      targets,
    });
  await load(16, WARM_UP_SECONDS);
  memory.push(service.endPhase('warm-up'));
  const meter = new CostMeter(service.pid, service.url, client);
  const figures: OrientationLoad[] = [];
  for (const connections of concurrencies) {
    const { results, cost } = await costedRuns(
      meter,
      runs,
      (run) => step(`POST /requests ${connections} clients ${run}`),
      () => load(connections, durationSeconds),
      (result) => result.booked,
    );
    figures.push({ ...medianLoad(connections, results, CREATED), cost });
    memory.push(service.endPhase(`POST /requests, ${connections} clients`));
  }
  return figures;
}

/**
 * GET /health/live, which does nothing, under the orientation's 16 clients: what the framework
 * (middleware, guards, interceptors, logging) costs any request, beside what a booking costs.
 * Measured before any booking, so that no message is being delivered meanwhile.
 */
async function measureEmptyRequest(
  service: ServiceProcess,
  client: Client,
  { runs, durationSeconds }: Pick<BenchOptions, 'runs' | 'durationSeconds'>,
  step: (label: string) => void,
): Promise<LoadFigure> {
  const load = (seconds: number) =>
    httpLoad({
      url: service.url,
      kind: 'empty',
      connections: EMPTY_REQUEST_CONCURRENCY,
      durationSeconds: seconds,
      targets: [],
    });
  await load(WARM_UP_SECONDS);
  const { results, cost } = await costedRuns(
    new CostMeter(service.pid, service.url, client),
    runs,
    (run) => step(`GET /health/live ${EMPTY_REQUEST_CONCURRENCY} clients ${run}`),
    () => load(durationSeconds),
    (result) => result.requests,
  );
  return { ...medianLoad(EMPTY_REQUEST_CONCURRENCY, results), cost };
}

/**
 * `runs` runs of a load, each metered (`CostMeter`): the results, and the median cost of one of
 * the requests `counted` (bookings, or every request). `step` gets `run/runs`.
 */
async function costedRuns(
  meter: CostMeter,
  runs: number,
  step: (run: string) => void,
  load: () => Promise<LoadResult>,
  counted: (result: LoadResult) => number,
): Promise<{ results: LoadResult[]; cost: BookingCost }> {
  const results: LoadResult[] = [];
  const costs: BookingCost[] = [];
  for (let run = 0; run < runs; run += 1) {
    step(`${run + 1}/${runs}`);
    await meter.start();
    const result = await load();
    costs.push(await meter.per(counted(result)));
    results.push(result);
  }
  return { results, cost: medianCost(costs) };
}

function medianCost(costs: readonly BookingCost[]): BookingCost {
  return {
    serviceCpuMs: median(costs.map((cost) => cost.serviceCpuMs)),
    postgresCpuMs: median(costs.map((cost) => cost.postgresCpuMs)),
    roundTrips: median(costs.map((cost) => cost.roundTrips)),
  };
}

/** One CPTS of 150 GPs on fresh, un-analysed tables, under the orientation load only. */
async function measureSingleCpts(
  options: BenchOptions,
  progress: Progress,
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  serviceLog: string,
): Promise<Omit<SingleCptsResults, 'orientation'> & { orientation: OrientationLoad[] }> {
  const { size, territories, concurrencies } = options.singleCpts;
  const dataset = await buildSingleCptsDataset(databaseUrl, size, territories, (label) =>
    progress.step(`single CPTS dataset: ${label}`),
  );
  const service = await startBenchService(databaseUrl, redisUrl, `${prefix}-single`, serviceLog);
  const memory = [service.endPhase('start, until ready')];
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const orientation = await measureOrientation(
      service,
      client,
      dataset.targets,
      concurrencies,
      options,
      (label) => progress.step(`single CPTS: ${label}`),
      memory,
    );
    return {
      dataset: dataset.counts,
      orientation,
      peakRssMb: service.peakRssMb(),
      memory,
      serviceLog,
    };
  } finally {
    await client.end();
    await service.stop();
    await deleteQueueKeys(redisUrl, `${prefix}-single`);
  }
}
