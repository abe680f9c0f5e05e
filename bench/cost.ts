import { readFileSync } from 'node:fs';

import { Client } from 'pg';

/** What a booking costs the machine: CPU of the service and of its PostgreSQL backends, round trips. */
export interface BookingCost {
  serviceCpuMs: number;
  postgresCpuMs: number;
  roundTrips: number;
}

interface CostSample {
  serviceTicks: number;
  backendTicks: Map<number, number>;
  queries: number;
}

/** Linux reports process CPU in clock ticks of 10 ms (USER_HZ = 100 on every usual kernel). */
const MS_PER_TICK = 10;

/** utime + stime of a process, from /proc/<pid>/stat; 0 once it has gone. */
export function processTicks(stat: string | undefined): number {
  if (!stat) return 0;
  // The command name (field 2) may hold spaces: count the fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function readStat(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
}

/** `db_queries_total` from the service's Prometheus metrics. */
export function queriesFromMetrics(metrics: string): number {
  const sent = /^db_queries_total (\d+)$/m.exec(metrics)?.[1];
  if (sent === undefined) throw new Error('the service exposes no db_queries_total metric');
  return Number(sent);
}

/**
 * Measures the cost of the bookings made between `start` and `per`, from /proc (the service's
 * process and the PostgreSQL backends connected to its database) and the service's statement
 * counter. The machine runs the bench alone, so nothing else is counted.
 */
export class CostMeter {
  private started?: CostSample;

  constructor(
    private readonly servicePid: number,
    private readonly serviceUrl: string,
    private readonly database: Client,
  ) {}

  async start(): Promise<void> {
    this.started = await this.sample();
  }

  async per(bookings: number): Promise<BookingCost> {
    const before = this.started;
    if (!before) throw new Error('CostMeter.per before start');
    const after = await this.sample();
    let backendTicks = 0;
    for (const [pid, ticks] of after.backendTicks) {
      backendTicks += ticks - (before.backendTicks.get(pid) ?? 0);
    }
    return {
      serviceCpuMs: ((after.serviceTicks - before.serviceTicks) * MS_PER_TICK) / bookings,
      postgresCpuMs: (backendTicks * MS_PER_TICK) / bookings,
      roundTrips: (after.queries - before.queries) / bookings,
    };
  }

  private async sample(): Promise<CostSample> {
    const { rows } = await this.database.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    const metrics = await (await fetch(`${this.serviceUrl}/metrics`)).text();
    return {
      serviceTicks: processTicks(readStat(this.servicePid)),
      backendTicks: new Map(rows.map(({ pid }) => [pid, processTicks(readStat(pid))])),
      queries: queriesFromMetrics(metrics),
    };
  }
}
