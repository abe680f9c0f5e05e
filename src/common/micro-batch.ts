interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers calls into one call of `run`, which answers one output per input, in order. Concurrent
 * jobs or requests of one process share a statement this way instead of making one round trip
 * each. If `run` fails, every call fails.
 *
 * With `windowMs` > 0, a run takes the calls made within `windowMs` of the first one. With 0 it
 * never waits (group commit): a call made while no run is in flight runs at once, and the calls
 * made while one is in flight run together as soon as it answers. Either way at most `maxSize`.
 */
export class MicroBatch<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly windowMs: number,
    private readonly maxSize: number,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else if (this.windowMs === 0) {
        if (this.inFlight === 0) this.flush();
      } else if (this.waiting.length === 1) {
        this.timer = setTimeout(() => this.flush(), this.windowMs);
      }
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.inFlight += 1;
    this.run(batch.map((waiting) => waiting.input))
      .then(
        (outputs) => batch.forEach((waiting, index) => waiting.resolve(outputs[index])),
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      )
      .finally(() => {
        this.inFlight -= 1;
        if (this.windowMs === 0 && this.inFlight === 0) this.flush();
      });
  }
}
