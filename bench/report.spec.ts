import type { LoadResult } from './load-spec';
import {
  bookedText,
  checkTargets,
  describeFailures,
  failuresOf,
  medianLoad,
  runName,
} from './report';

function run(overrides: Partial<LoadResult>): LoadResult {
  return {
    requests: 100,
    seconds: 1,
    perSecond: 100,
    p50: 1,
    p95: 2,
    p99: 3,
    statuses: { '201': 100 },
    booked: 100,
    socketErrors: 0,
    timeouts: 0,
    ...overrides,
  };
}

describe('bench report: failures during the load', () => {
  it('counts non-2xx answers by status, socket errors and timeouts over every run', () => {
    const runs = [
      run({ statuses: { '201': 98, '500': 1, '409': 1 }, socketErrors: 1 }),
      run({ statuses: { '200': 99, '500': 1 }, timeouts: 2 }),
    ];
    expect(failuresOf(runs)).toEqual({
      'HTTP 500': 2,
      'HTTP 409': 1,
      'socket error': 1,
      timeout: 2,
    });
    expect(failuresOf([run({})])).toEqual({});
  });

  it('counts every answer but the expected one when a load names it (urgent requests: 201)', () => {
    const runs = [run({ statuses: { '201': 97, '200': 2, '503': 1 } })];
    expect(failuresOf(runs, '201')).toEqual({ 'HTTP 200': 2, 'HTTP 503': 1 });
    expect(medianLoad(16, runs, '201').failures).toEqual({ 'HTTP 200': 2, 'HTTP 503': 1 });
  });

  it('names each load that had failures, or says none', () => {
    const clean = medianLoad(1, [run({})]);
    const failing = medianLoad(64, [run({ statuses: { '201': 99, '503': 1 }, socketErrors: 1 })]);
    expect(describeFailures({ orientation: [], availability: [clean] })).toBe('none');
    expect(
      describeFailures({
        orientation: [{ ...failing, pgbenchTps: 1, ratio: 1 }],
        availability: [clean],
      }),
    ).toBe('POST /requests 64 clients: 1 × HTTP 503, 1 × socket error');
    expect(
      describeFailures({
        orientation: [],
        singleCpts: { orientation: [{ ...failing, pgbenchTps: 1, ratio: 1 }] },
        availability: [],
      }),
    ).toBe('single CPTS POST /requests 64 clients: 1 × HTTP 503, 1 × socket error');
    expect(describeFailures({ orientation: [], availability: [], emptyRequest: failing })).toBe(
      'GET /health/live 64 clients: 1 × HTTP 503, 1 × socket error',
    );
  });

  it('names a run’s files by its start time and kind', () => {
    expect(runName('2026-12-03T08:45:26.590Z', false)).toBe('2026-12-03T08-45-26-590Z-full');
    expect(runName('2026-12-03T08:45:26.590Z', true)).toBe('2026-12-03T08-45-26-590Z-quick');
  });
});

describe('bench report: the SAS search target', () => {
  it('checks the INT_R04 p95 at one client against 100 ms', () => {
    const figure = (p95: number) => ({
      ...medianLoad(1, [run({ p95, statuses: { '200': 100 } })]),
      practitionersPerQuery: 25,
      windowHours: 72,
      slotsPerAnswer: 150,
    });
    const base = {
      orientation: [],
      singleCpts: { orientation: [], peakRssMb: 100 },
      availability: [],
      notifications: { ratio: 1 },
      peakRssMb: 100,
      storm: { ok: true, requests: 1, slots: 1, bookedAppointments: 1, doubleBookings: 0 },
    } as unknown as Parameters<typeof checkTargets>[0];
    const sas = (p95: number) =>
      checkTargets({ ...base, fhirSearch: [figure(p95)] }).find((check) =>
        check.name.startsWith('SAS INT_R04'),
      );
    expect(sas(31)).toMatchObject({ target: '≤ 100 ms', measured: '31', met: true });
    expect(sas(140)).toMatchObject({ met: false });
    expect(checkTargets({ ...base, fhirSearch: [] }).some((c) => c.name.startsWith('SAS'))).toBe(
      false,
    );
  });
});

describe('bench report: the share booked', () => {
  it('says 100 % only when every request was booked', () => {
    expect(bookedText(1)).toBe('100 % booked');
    expect(bookedText(699 / 700)).toBe('99.8 % booked');
    expect(bookedText(0.9999)).toBe('99.9 % booked');
    expect(bookedText(0)).toBe('0.0 % booked');
  });
});
