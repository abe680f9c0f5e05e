interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Gathers the calls made within `windowMs` of the first one (at most `maxSize`) into one call of
 * `run`, which answers one output per input, in order. Concurrent jobs of one process share a
 * statement this way instead of making one round trip each. If `run` fails, every call fails.
 */
export class MicroBatch<I, O> {
  private waiting: Array<Waiting<I, O>> = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly windowMs: number,
    private readonly maxSize: number,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else if (this.waiting.length === 1) {
        this.timer = setTimeout(() => this.flush(), this.windowMs);
      }
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) return;
    this.run(batch.map((waiting) => waiting.input)).then(
      (outputs) => batch.forEach((waiting, index) => waiting.resolve(outputs[index])),
      (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
    );
  }
}
