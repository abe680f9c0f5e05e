import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';

interface Task {
  running?: Promise<void>;
}

/**
 * Work repeated every `everyMs` in this process, its timer registered under its name in Nest's
 * `SchedulerRegistry`: a run never overlaps the one before, a failure is logged and the next run
 * tries again, and stopping waits for the run in progress. Every task stops before shutdown, so
 * no run outlives the pools. Once across instances is the work's own business:
 * `Database.exclusive(LockId.…, …)` (an advisory lock), or row locks.
 */
@Injectable()
export class PeriodicTasks implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PeriodicTasks.name);
  private readonly tasks = new Map<string, Task>();

  constructor(private readonly registry: SchedulerRegistry) {}

  /** With `immediately`, the first run starts now rather than after `everyMs`. */
  start(
    name: string,
    everyMs: number,
    run: () => Promise<unknown>,
    { immediately = false } = {},
  ): void {
    if (this.registry.doesExist('interval', name)) {
      throw new Error(`a periodic task named ${name} is already running`);
    }
    const task: Task = {};
    this.registry.addInterval(
      name,
      setInterval(() => this.tick(name, task, run), everyMs),
    );
    this.tasks.set(name, task);
    if (immediately) this.tick(name, task, run);
  }

  async stop(name: string): Promise<void> {
    this.registry.deleteInterval(name);
    const task = this.tasks.get(name);
    this.tasks.delete(name);
    await task?.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.tasks.keys()].map((name) => this.stop(name)));
  }

  private tick(name: string, task: Task, run: () => Promise<unknown>): void {
    task.running ??= run()
      .then(
        () => undefined,
        (error: Error) => this.logger.warn(`${name} failed: ${error.message}`),
      )
      .finally(() => (task.running = undefined));
  }
}
