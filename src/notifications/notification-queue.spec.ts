import { isBatchJobId, jobsOf, sendJobId } from './notification-queue';
import type { OutboxRow } from './outbox-notice';

const NOW = Date.parse('2030-01-07T09:00:00Z');

function rows(count: number, sendAt = new Date(NOW)): OutboxRow[] {
  return Array.from({ length: count }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    channel: 'sms',
    sendAt,
  }));
}

describe('jobsOf', () => {
  const options = { batchSize: 100, now: NOW, attempts: 8 };

  it('gives each row its own job, with its deterministic id, when rows go alone', () => {
    const jobs = jobsOf(rows(3), 'alone', options);
    expect(jobs.map((job) => job.data)).toEqual(rows(3).map((row) => ({ notificationId: row.id })));
    expect(jobs.map((job) => job.opts.jobId)).toEqual(rows(3).map((row) => sendJobId(row.id)));
    expect(jobs.every((job) => job.opts.attempts === 8 && job.opts.delay === 0)).toBe(true);
  });

  it('puts due rows up to a batch to a job, each job with an id of its own', () => {
    const jobs = jobsOf(rows(250), 'batched', options);
    expect(
      jobs.map((job) => 'notificationIds' in job.data && job.data.notificationIds.length),
    ).toEqual([100, 100, 50]);
    expect(
      jobs.flatMap((job) => ('notificationIds' in job.data ? job.data.notificationIds : [])),
    ).toEqual(rows(250).map((row) => row.id));
    const ids = jobs.map((job) => job.opts.jobId ?? '');
    expect(ids.every(isBatchJobId)).toBe(true);
    expect(new Set(ids).size).toBe(3);
  });

  it('keeps a scheduled row alone and delayed, whether due rows are batched or left', () => {
    const later = rows(1, new Date(NOW + 60_000));
    for (const due of ['batched', 'left'] as const) {
      const jobs = jobsOf([...rows(2), ...later], due, options);
      const alone = jobs.filter((job) => 'notificationId' in job.data);
      expect(alone).toHaveLength(1);
      expect(alone[0].opts).toMatchObject({ jobId: sendJobId(later[0].id), delay: 60_000 });
    }
  });

  it('leaves the due rows to the instance that batches them', () => {
    expect(jobsOf(rows(5), 'left', options)).toEqual([]);
  });
});
