import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import autocannon from 'autocannon';

import type { RequestTarget } from './dataset';
import { LoadResult, LoadSpec, percentile } from './load-spec';

// Run as its own process by http-load.ts, so that generating the load does not share an event
// loop with the bench's bookkeeping: `node load-client.js SPEC.json` prints a LoadResult.

function pick<T>(values: readonly T[]): T {
  return values[Math.floor(Math.random() * values.length)];
}

function urgentRequest(target: RequestTarget): autocannon.Request {
  return {
    method: 'POST',
    path: '/api/v1/requests',
    headers: {
      authorization: `Bearer ${target.token}`,
      'content-type': 'application/json',
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({
      kind: 'urgent',
      patient: {
        firstName: 'Alex',
        lastName: 'Martin',
        birthDate: '1980-04-02',
        phone: '06 12 34 56 78',
        communeCode: pick(target.communeCodes),
      },
      reason: 'fièvre',
    }),
  };
}

function availabilityRequest(target: RequestTarget): autocannon.Request {
  return {
    method: 'GET',
    path: `/api/v1/availability?communeCode=${pick(target.communeCodes)}`,
    headers: { authorization: `Bearer ${target.token}` },
  };
}

function emptyRequest(): autocannon.Request {
  return { method: 'GET', path: '/health/live', headers: {} };
}

const REQUESTS: Record<LoadSpec['kind'], (target: RequestTarget) => autocannon.Request> = {
  'urgent-request': urgentRequest,
  availability: availabilityRequest,
  empty: emptyRequest,
};

async function run(spec: LoadSpec): Promise<LoadResult> {
  const build = REQUESTS[spec.kind];
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let booked = 0;
  const started = process.hrtime.bigint();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        ...(spec.amount ? { amount: spec.amount } : { duration: spec.durationSeconds }),
        timeout: 120,
        requests: [
          {
            setupRequest: () => build(pick(spec.targets)),
            onResponse: (status, body) => {
              statuses[status] = (statuses[status] ?? 0) + 1;
              if (body.includes('"status":"booked"')) booked += 1;
            },
          },
        ],
      },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    booked,
    socketErrors: result.errors,
    timeouts: result.timeouts,
  };
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;
run(spec)
  .then((result) => process.stdout.write(JSON.stringify(result)))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
