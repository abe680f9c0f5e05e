import { Presets, SingleBar } from 'cli-progress';

/** One bar on stderr over every step of the bench, naming the step under way. */
export class Progress {
  private readonly bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'bench [{bar}] {value}/{total} {step}',
      hideCursor: true,
      // In CI (no terminal) the bar is printed as a line every few seconds.
      noTTYOutput: true,
      notTTYSchedule: 5000,
    },
    Presets.shades_classic,
  );
  private done = 0;
  private stopped = false;

  constructor(total: number) {
    this.bar.start(total, 0, { step: 'starting' });
  }

  step(label: string): void {
    this.bar.update(this.done, { step: label });
    this.done += 1;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.bar.update(this.done, { step: 'done' });
    this.bar.stop();
  }
}
