import { Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

import { PeriodicTasks } from './periodic-tasks.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PeriodicTasks', () => {
  let registry: SchedulerRegistry;
  let tasks: PeriodicTasks;
  let warnings: string[];

  beforeEach(() => {
    registry = new SchedulerRegistry();
    tasks = new PeriodicTasks(registry);
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: string) => {
      warnings.push(message);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  it('never overlaps runs, goes on after a failure, and stop waits for the run in progress', async () => {
    let active = 0;
    let most = 0;
    let runs = 0;
    let finished = 0;
    tasks.start('demo', 5, async () => {
      runs += 1;
      active += 1;
      most = Math.max(most, active);
      await sleep(30);
      active -= 1;
      finished += 1;
      if (runs === 1) throw new Error('boom');
    });
    expect(registry.getIntervals()).toEqual(['demo']);
    await sleep(120);
    await tasks.stop('demo');
    expect(registry.getIntervals()).toEqual([]);
    expect(most).toBe(1);
    expect(runs).toBeGreaterThan(1);
    expect(finished).toBe(runs);
    expect(warnings[0]).toBe('demo failed: boom');
    const after = runs;
    await sleep(30);
    expect(runs).toBe(after);
  });

  it('with immediately, runs once at start without waiting for the period', async () => {
    let runs = 0;
    tasks.start(
      'demo',
      60_000,
      () => {
        runs += 1;
        return Promise.resolve();
      },
      { immediately: true },
    );
    await tasks.stop('demo');
    expect(runs).toBe(1);
  });

  it('refuses a second task under a name in use', () => {
    tasks.start('demo', 60_000, () => Promise.resolve());
    expect(() => tasks.start('demo', 60_000, () => Promise.resolve())).toThrow(
      'a periodic task named demo is already running',
    );
    expect(registry.getIntervals()).toEqual(['demo']);
    return tasks.beforeApplicationShutdown();
  });

  it('stops every task before shutdown, waiting for the runs in progress', async () => {
    let finished = 0;
    const slow = async () => {
      await sleep(30);
      finished += 1;
    };
    tasks.start('one', 60_000, slow, { immediately: true });
    tasks.start('two', 60_000, slow, { immediately: true });
    await tasks.beforeApplicationShutdown();
    expect(finished).toBe(2);
    expect(registry.getIntervals()).toEqual([]);
  });
});
