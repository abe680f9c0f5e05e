import { parseArgs } from 'node:util';

export interface DatasetSize {
  cpts: number;
  practitioners: number;
  slots: number;
  accepting: number;
  /** Urgent bookings made over the last 7 days (weekly caps and fairness read them). */
  recentBookings: number;
}

/** One CPTS on its own, the real deployment's shape: its GPs, and the clients that load it. */
export interface SingleCptsOptions {
  size: DatasetSize;
  /** The communes are cut into this many territories, as nationally, and the first is the CPTS's. */
  territories: number;
  concurrencies: number[];
}

export interface BenchOptions {
  quick: boolean;
  size: DatasetSize;
  singleCpts: SingleCptsOptions;
  concurrencies: number[];
  runs: number;
  durationSeconds: number;
  notifications: number;
  stormRequests: number;
  stormSlots: number;
  pgbenchScale: number;
  outDir: string;
}

const FULL: DatasetSize = {
  cpts: 400,
  practitioners: 60_000,
  slots: 1_000_000,
  accepting: 5_000,
  recentBookings: 60_000,
};

const QUICK: DatasetSize = {
  cpts: 40,
  practitioners: 4_000,
  slots: 60_000,
  accepting: 400,
  recentBookings: 4_000,
};

/** 150 GPs with a slot every 20 minutes over 48 hours, so that the load does not run out of them. */
const SINGLE_CPTS: SingleCptsOptions = {
  size: {
    cpts: 1,
    practitioners: 150,
    slots: 150 * 140,
    accepting: 20,
    recentBookings: 750,
  },
  territories: FULL.cpts,
  concurrencies: [16, 64],
};

const SIZE_OPTIONS = ['cpts', 'practitioners', 'slots', 'accepting', 'recent-bookings'] as const;

export const BENCH_USAGE = `usage: npm run bench -- [--quick] [--cpts N] [--practitioners N] [--slots N]
  [--accepting N] [--recent-bookings N] [--runs N] [--duration SECONDS] [--out DIR]`;

function positiveInteger(name: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a non-negative integer, got "${value}"\n${BENCH_USAGE}`);
  }
  return parsed;
}

/** Full national scale by default; `--quick` is a small run of about a minute. */
export function parseBenchOptions(args: string[]): BenchOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      duration: { type: 'string' },
      out: { type: 'string', default: 'bench-results' },
      ...Object.fromEntries(SIZE_OPTIONS.map((name) => [name, { type: 'string' as const }])),
    },
  });
  const quick = values.quick === true;
  const size = { ...(quick ? QUICK : FULL) };
  const sized = values as Record<string, string | boolean | undefined>;
  for (const name of SIZE_OPTIONS) {
    const value = sized[name];
    if (typeof value !== 'string') continue;
    const key = name === 'recent-bookings' ? 'recentBookings' : name;
    size[key] = positiveInteger(name, value);
  }
  if (size.cpts < 1 || size.practitioners < size.cpts) {
    throw new Error('--practitioners must be at least --cpts, and --cpts at least 1');
  }
  const runs = values.runs ? positiveInteger('runs', values.runs) : 3;
  if (runs < 1) throw new Error('--runs must be at least 1');
  return {
    quick,
    size,
    singleCpts: SINGLE_CPTS,
    concurrencies: [1, 16, 64],
    runs,
    durationSeconds: values.duration
      ? positiveInteger('duration', values.duration)
      : quick
        ? 2
        : 10,
    notifications: quick ? 500 : 5_000,
    stormRequests: 1_000,
    stormSlots: 100,
    pgbenchScale: quick ? 8 : 64,
    outDir: values.out ?? 'bench-results',
  };
}
