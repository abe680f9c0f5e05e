import { processTicks, queriesFromMetrics } from './cost';

describe('bench: the cost of a booking', () => {
  it('reads user and system CPU ticks from /proc/<pid>/stat, even with spaces in the name', () => {
    const stat =
      '4242 (postgres: root bench_1 127.0.0.1(5432) idle) S 1 4242 4242 0 -1 4194560 ' +
      '1000 0 0 0 250 37 0 0 20 0 1 0 123 456 789';
    expect(processTicks(stat)).toBe(287);
    expect(processTicks(undefined)).toBe(0);
  });

  it('reads the statement counter from the Prometheus text, and refuses a service without it', () => {
    const metrics =
      '# HELP db_queries_total x\n# TYPE db_queries_total counter\ndb_queries_total 1234\n';
    expect(queriesFromMetrics(metrics)).toBe(1234);
    expect(() => queriesFromMetrics('http_requests 3\n')).toThrow(/db_queries_total/);
  });
});
