import type { StormResult } from './contention-storm';
import type { BookingCost } from './cost';
import type { Dataset } from './dataset';
import { LoadResult, median } from './load-spec';
import type { PgbenchResult } from './pgbench';
import type { PhaseMemory } from './service-process';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  loadAverageAtStart: number[];
  node: string;
  postgres: string;
  redis: string;
}

export interface LoadFigure {
  connections: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  bookedShare: number;
  /** Over all runs: unexpected answers by status, socket errors and timeouts. */
  failures: Record<string, number>;
  /** What one booking cost the machine (median of the runs); measured for orientation loads. */
  cost?: BookingCost;
}

export interface OrientationFigure extends LoadFigure {
  pgbenchTps: number;
  /** Our requests per second over pgbench's transactions per second. */
  ratio: number;
}

/** INT_R04 searches of the SAS platform over mutual TLS (bench/fhir-search.ts). */
export interface FhirSearchFigure extends LoadFigure {
  practitionersPerQuery: number;
  windowHours: number;
  slotsPerAnswer: number;
}

export interface TargetCheck {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

/** One CPTS of 150 GPs on its own, tables as the inserts left them (the real deployment's shape). */
export interface SingleCptsResults {
  dataset: Dataset['counts'];
  orientation: OrientationFigure[];
  peakRssMb: number;
  memory: PhaseMemory[];
  serviceLog: string;
}

export interface BenchResults {
  startedAt: string;
  quick: boolean;
  machine: Machine;
  dataset: Dataset['counts'] & { seconds: number };
  runs: number;
  durationSeconds: number;
  orientation: OrientationFigure[];
  /** GET /health/live at 16 clients: the framework's cost of a request, beside a booking's. */
  emptyRequest: LoadFigure;
  singleCpts: SingleCptsResults;
  availability: LoadFigure[];
  fhirSearch: FhirSearchFigure[];
  notifications: { rows: number; perSecond: number; bareBullmqPerSecond: number; ratio: number };
  storm: StormResult;
  peakRssMb: number;
  /** The service's peak RSS phase by phase (the whole run's is the highest). */
  memory: PhaseMemory[];
  targets: TargetCheck[];
  totalSeconds: number;
  /** Where the service's own output (LOG_LEVEL=warn) was written. */
  serviceLog: string;
}

/** The name of a run's files in the output folder: `<start time>-full` or `-quick`. */
export function runName(startedAt: string, quick: boolean): string {
  return `${startedAt.replace(/[:.]/g, '-')}-${quick ? 'quick' : 'full'}`;
}

/**
 * Each figure is the median of the runs, taken figure by figure. An answer other than `expected`
 * (by default any 2xx) is a failure.
 */
export function medianLoad(
  connections: number,
  runs: readonly LoadResult[],
  expected?: string,
): LoadFigure {
  const of = (pick: (run: LoadResult) => number) => median(runs.map(pick));
  return {
    connections,
    perSecond: of((run) => run.perSecond),
    p50: of((run) => run.p50),
    p95: of((run) => run.p95),
    p99: of((run) => run.p99),
    bookedShare: of((run) => (run.requests === 0 ? 0 : run.booked / run.requests)),
    failures: failuresOf(runs, expected),
  };
}

/**
 * Answers other than `expected` (by default non-2xx) by status (`HTTP 500`), socket errors and
 * timeouts, summed over the runs.
 */
export function failuresOf(runs: readonly LoadResult[], expected?: string): Record<string, number> {
  const unexpected = (status: string) =>
    expected === undefined ? !status.startsWith('2') : status !== expected;
  const failures: Record<string, number> = {};
  const add = (kind: string, count: number) => {
    if (count > 0) failures[kind] = (failures[kind] ?? 0) + count;
  };
  for (const run of runs) {
    for (const [status, count] of Object.entries(run.statuses)) {
      if (unexpected(status)) add(`HTTP ${status}`, count);
    }
    add('socket error', run.socketErrors);
    add('timeout', run.timeouts);
  }
  return failures;
}

export function medianPgbench(runs: readonly PgbenchResult[]): PgbenchResult {
  return {
    tps: median(runs.map((run) => run.tps)),
    latencyMs: median(runs.map((run) => run.latencyMs)),
  };
}

/** The targets of issue 17 (2026-12-03), against the same run's references. */
export function checkTargets(
  results: Omit<BenchResults, 'targets' | 'totalSeconds' | 'serviceLog'>,
): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const national = (connections: number) =>
    results.orientation.find((figure) => figure.connections === connections);
  const single = (connections: number) =>
    results.singleCpts.orientation.find((figure) => figure.connections === connections);
  for (const connections of [16, 64]) {
    const figure = national(connections);
    if (figure) checks.push(share(`urgent orientation at ${connections} clients`, figure, 0.25));
  }
  const at64 = national(64);
  if (at64) {
    checks.push(p99Within(`urgent orientation at 64 clients`, at64), {
      name: 'urgent orientation, every client count',
      target: '100 % booked, no failure',
      measured: results.orientation
        .map((figure) => `${bookedText(figure.bookedShare)}, ${failureCount(figure)} failed`)
        .join('; '),
      met: results.orientation.every(
        (figure) => figure.bookedShare === 1 && failureCount(figure) === 0,
      ),
    });
  }
  for (const connections of [16, 64]) {
    const figure = single(connections);
    if (figure) {
      checks.push(share(`single CPTS at ${connections} clients`, figure, 0.15), {
        name: `single CPTS at ${connections} clients, answers`,
        target: 'every answer 201',
        measured: `${failureCount(figure)} other (${describeKinds(figure) || 'none'})`,
        met: failureCount(figure) === 0,
      });
    }
  }
  const single16 = single(16);
  if (single16) checks.push(p99Within('single CPTS at 16 clients', single16));
  const live = results.availability.find((figure) => figure.connections === 1);
  if (live) {
    checks.push({
      name: 'live table for a commune, p95',
      target: '≤ 50 ms',
      measured: ms(live.p95),
      met: live.p95 <= 50,
    });
  }
  const peakRssMb = Math.max(results.peakRssMb, results.singleCpts.peakRssMb);
  const sas = results.fhirSearch.find((figure) => figure.connections === 1);
  if (sas) {
    checks.push({
      name: `SAS INT_R04 search (${sas.practitionersPerQuery} GPs, ${sas.windowHours} h, mTLS), p95`,
      target: '≤ 100 ms',
      measured: ms(sas.p95),
      met: sas.p95 <= 100,
    });
  }
  checks.push(
    {
      name: 'notifications end to end',
      target: '≥ 50 % of the bare BullMQ loop',
      measured: percent(results.notifications.ratio),
      met: results.notifications.ratio >= 0.5,
    },
    {
      name: 'service peak RSS under load',
      target: '≤ 300 MB',
      measured: `${peakRssMb.toFixed(0)} MB`,
      met: peakRssMb <= 300,
    },
    {
      name: `contention storm (${results.storm.requests} requests, ${results.storm.slots} slots)`,
      target: `exactly ${results.storm.slots} booked, no double booking`,
      measured: `${results.storm.bookedAppointments} booked, ${results.storm.doubleBookings} double`,
      met: results.storm.ok,
    },
  );
  return checks;
}

function share(name: string, figure: OrientationFigure, wanted: number): TargetCheck {
  return {
    name: `${name}, throughput`,
    target: `≥ ${percent(wanted)} of pgbench TPC-B`,
    measured: percent(figure.ratio),
    met: figure.ratio >= wanted,
  };
}

function p99Within(name: string, figure: LoadFigure): TargetCheck {
  return {
    name: `${name}, p99`,
    target: '≤ 100 ms',
    measured: ms(figure.p99),
    met: Number.isFinite(figure.p99) && figure.p99 <= 100,
  };
}

function failureCount(figure: LoadFigure): number {
  return Object.values(figure.failures).reduce((sum, count) => sum + count, 0);
}

function describeKinds(figure: LoadFigure): string {
  return Object.entries(figure.failures)
    .map(([kind, count]) => `${count} × ${kind}`)
    .join(', ');
}

export function toMarkdown(results: BenchResults): string {
  const { machine, dataset } = results;
  const lines = [
    `# Bench ${results.startedAt}${results.quick ? ' (quick)' : ''}`,
    '',
    `Machine: ${machine.cpus} CPU (${machine.cpuModel}), ${machine.memoryGb.toFixed(1)} GB, ` +
      `load average at start ${machine.loadAverageAtStart.map((load) => load.toFixed(2)).join(' ')}; ` +
      `Node ${machine.node}, PostgreSQL ${machine.postgres}, Redis ${machine.redis}.`,
    `Dataset: ${dataset.cpts} CPTS, ${dataset.practitioners} practitioners, ${dataset.futureSlots} ` +
      `future slots, ${dataset.accepting} accepting new patients, ${dataset.recentBookings} ` +
      `bookings in the last 7 days, ${dataset.sasPublishing} publishing to the SAS; built in ${dataset.seconds.toFixed(0)} s.`,
    `Each figure is the median of ${results.runs} runs of ${results.durationSeconds} s; latencies in ms.`,
    '',
    '| measure | ours | machine reference | ratio |',
    '|---|---|---|---|',
    ...results.orientation.map((figure) => orientationRow('urgent POST /requests', figure)),
    ...results.singleCpts.orientation.map((figure) =>
      orientationRow('single CPTS, urgent POST /requests', figure),
    ),
    ...results.availability.map(
      (figure) =>
        `| GET /availability?communeCode, ${figure.connections} clients | ${figure.perSecond.toFixed(0)} req/s; ` +
        `p50 ${ms(figure.p50)}, p95 ${ms(figure.p95)}, p99 ${ms(figure.p99)} | | |`,
    ),
    ...results.fhirSearch.map(
      (figure) =>
        `| SAS FHIR GET /Slot (INT_R04, ${figure.practitionersPerQuery} GPs, ${figure.windowHours} h, mTLS), ` +
        `${figure.connections} clients | ${figure.perSecond.toFixed(0)} req/s; ` +
        `p50 ${ms(figure.p50)}, p95 ${ms(figure.p95)}, p99 ${ms(figure.p99)}; ` +
        `${figure.slotsPerAnswer.toFixed(0)} slots an answer | | |`,
    ),
    `| notifications end to end (${results.notifications.rows} rows → sent, log channel) | ` +
      `${results.notifications.perSecond.toFixed(0)} /s | bare BullMQ add-and-process ` +
      `${results.notifications.bareBullmqPerSecond.toFixed(0)} jobs/s | ${percent(results.notifications.ratio)} |`,
    `| contention storm | ${results.storm.requests} requests for ${results.storm.slots} slots: ` +
      `${results.storm.answeredBooked} answered booked, ${results.storm.bookedAppointments} appointments, ` +
      `${results.storm.doubleBookings} double; ${results.storm.seconds.toFixed(1)} s, p99 ${ms(results.storm.p99)} | | |`,
    `| service peak RSS (VmHWM) | ${results.peakRssMb.toFixed(0)} MB national, ` +
      `${results.singleCpts.peakRssMb.toFixed(0)} MB single CPTS | | |`,
    '',
    `Single CPTS: ${results.singleCpts.dataset.practitioners} practitioners, ` +
      `${results.singleCpts.dataset.futureSlots} future slots over 48 h, ` +
      `${results.singleCpts.dataset.recentBookings} bookings in the last 7 days, tables not analysed; ` +
      `its service's log is ${results.singleCpts.serviceLog}.`,
    '',
    'Cost of one booking (median of the runs; CPU from /proc, round trips from `db_queries_total`), ' +
      'and of a request that does nothing, for comparison:',
    '',
    '| load | service CPU | PostgreSQL CPU | round trips |',
    '|---|---|---|---|',
    ...[
      ...results.orientation.map((figure) => ({ name: 'national', figure })),
      ...results.singleCpts.orientation.map((figure) => ({ name: 'single CPTS', figure })),
    ].map(({ name, figure }) => costRow(`${name}, ${figure.connections} clients`, figure.cost)),
    costRow(
      `empty request (GET /health/live, ${results.emptyRequest.perSecond.toFixed(0)} req/s), ` +
        `${results.emptyRequest.connections} clients`,
      results.emptyRequest.cost,
    ),
    '',
    'Service memory by phase, in MB (peak: VmHWM over the phase alone; end: VmRSS when it ended):',
    '',
    '| phase | peak RSS | RSS at end |',
    '|---|---|---|',
    ...memoryRows('national', results.memory),
    ...memoryRows('single CPTS', results.singleCpts.memory),
    '',
    '| target | wanted | measured | |',
    '|---|---|---|---|',
    ...results.targets.map(
      (check) =>
        `| ${check.name} | ${check.target} | ${check.measured} | ${check.met ? 'met' : 'MISSED'} |`,
    ),
    '',
    `Unexpected answers or errors during the load: ${describeFailures(results)}. ` +
      `Total bench time ${results.totalSeconds.toFixed(0)} s; the service's log is ${results.serviceLog}.`,
    '',
  ];
  return lines.join('\n');
}

/** `none`, or each load that had failures with their kinds: `POST /requests 64 clients: 1 × HTTP 500`. */
export function describeFailures(
  results: Pick<BenchResults, 'orientation' | 'availability'> &
    Partial<Pick<BenchResults, 'fhirSearch' | 'emptyRequest'>> & {
      singleCpts?: Pick<SingleCptsResults, 'orientation'>;
    },
): string {
  const loads = [
    ...results.orientation.map((figure) => ({ name: 'POST /requests', figure })),
    ...(results.singleCpts?.orientation ?? []).map((figure) => ({
      name: 'single CPTS POST /requests',
      figure,
    })),
    ...results.availability.map((figure) => ({ name: 'GET /availability', figure })),
    ...(results.fhirSearch ?? []).map((figure) => ({ name: 'FHIR GET /Slot', figure })),
    ...(results.emptyRequest ? [{ name: 'GET /health/live', figure: results.emptyRequest }] : []),
  ];
  const described = loads.flatMap(({ name, figure }) => {
    const kinds = Object.entries(figure.failures).map(([kind, count]) => `${count} × ${kind}`);
    return kinds.length > 0 ? [`${name} ${figure.connections} clients: ${kinds.join(', ')}`] : [];
  });
  return described.length > 0 ? described.join('; ') : 'none';
}

function orientationRow(name: string, figure: OrientationFigure): string {
  return (
    `| ${name}, ${figure.connections} clients | ${figure.perSecond.toFixed(0)} req/s; ` +
    `p50 ${ms(figure.p50)}, p95 ${ms(figure.p95)}, p99 ${ms(figure.p99)}; ` +
    `${bookedText(figure.bookedShare)} | pgbench TPC-B ${figure.pgbenchTps.toFixed(0)} tps | ` +
    `${percent(figure.ratio)} |`
  );
}

function memoryRows(name: string, memory: readonly PhaseMemory[] = []): string[] {
  return memory.map(
    (phase) =>
      `| ${name}: ${phase.phase} | ${phase.peakRssMb.toFixed(0)}${phase.cumulative ? ' (since start)' : ''} | ` +
      `${phase.endRssMb.toFixed(0)} |`,
  );
}

function costRow(name: string, cost: BookingCost | undefined): string {
  if (!cost) return `| ${name} | | | |`;
  return (
    `| ${name} | ${cost.serviceCpuMs.toFixed(1)} ms | ${cost.postgresCpuMs.toFixed(1)} ms | ` +
    `${cost.roundTrips.toFixed(1)} |`
  );
}

/** A latency in ms; a load with no answer at all has none (NaN, or null once through JSON). */
function ms(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'no answer';
  return value.toFixed(value < 10 ? 1 : 0);
}

/** The share of requests booked on arrival; never rounded up to 100 % when one was not. */
export function bookedText(share: number): string {
  return share === 1 ? '100 % booked' : `${(Math.floor(share * 1000) / 10).toFixed(1)} % booked`;
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(0)} %`;
}
