import type { Logger } from '@nestjs/common';
import { PeriodicTask } from './periodic-task';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTask', () => {
  it('never overlaps runs, goes on after a failure, and stop waits for the run in progress', async () => {
    const warnings: string[] = [];
    const task = new PeriodicTask('demo', {
      warn: (m: string) => warnings.push(m),
    } as unknown as Logger);
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    task.start(5, async () => {
      runs += 1;
      active += 1;
      most = Math.max(most, active);
      await sleep(30);
      active -= 1;
      finished += 1;
      if (runs === 1) throw new Error('boom');
    });
    await sleep(120);
    await task.stop();
    expect(most).toBe(1);
    expect(runs).toBeGreaterThan(1);
    expect(finished).toBe(runs);
    expect(warnings[0]).toBe('demo failed: boom');
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('with immediately, runs once at start without waiting for the period', async () => {
    const task = new PeriodicTask('demo', { warn: () => undefined } as unknown as Logger);
    let runs = 0;
    task.start(
      60_000,
      () => {
        runs += 1;
        return Promise.resolve();
      },
      { immediately: true },
    );
    await task.stop();
    expect(runs).toBe(1);
  });
});
