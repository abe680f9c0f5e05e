import { MicroBatch } from './micro-batch';

describe('MicroBatch', () => {
  it('answers calls of one window with one run, each its own output', async () => {
    const runs: number[][] = [];
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        runs.push(inputs);
        return Promise.resolve(inputs.map((n) => n * 10));
      },
      5,
      100,
    );
    await expect(Promise.all([batch.call(1), batch.call(2), batch.call(3)])).resolves.toEqual([
      10, 20, 30,
    ]);
    expect(runs).toEqual([[1, 2, 3]]);
    await expect(batch.call(4)).resolves.toBe(40);
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('runs at once when the batch is full', async () => {
    const runs: number[][] = [];
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        runs.push(inputs);
        return Promise.resolve(inputs);
      },
      60_000,
      2,
    );
    await expect(Promise.all([batch.call(1), batch.call(2)])).resolves.toEqual([1, 2]);
    expect(runs).toEqual([[1, 2]]);
  });

  it('fails every call of a failed run', async () => {
    const batch = new MicroBatch<number, number>(() => Promise.reject(new Error('down')), 1, 10);
    const calls = [batch.call(1), batch.call(2)];
    for (const call of calls) await expect(call).rejects.toThrow('down');
  });
});

describe('MicroBatch without a window (group commit)', () => {
  it('runs a lone call at once, and the calls made meanwhile together when it answers', async () => {
    const runs: number[][] = [];
    let answer!: () => void;
    const batch = new MicroBatch<number, number>(
      (inputs) => {
        runs.push(inputs);
        // The first run answers when told; the others at once.
        return runs.length === 1
          ? new Promise((resolve) => (answer = () => resolve(inputs)))
          : Promise.resolve(inputs);
      },
      0,
      100,
    );
    const first = batch.call(1);
    expect(runs).toEqual([[1]]);
    const meanwhile = [batch.call(2), batch.call(3), batch.call(4)];
    expect(runs).toEqual([[1]]);
    answer();
    await expect(first).resolves.toBe(1);
    await expect(Promise.all(meanwhile)).resolves.toEqual([2, 3, 4]);
    expect(runs).toEqual([[1], [2, 3, 4]]);
    await expect(batch.call(5)).resolves.toBe(5);
    expect(runs).toEqual([[1], [2, 3, 4], [5]]);
  });

  it('goes on after a failed run', async () => {
    let fail = true;
    const batch = new MicroBatch<number, number>(
      (inputs) => (fail ? Promise.reject(new Error('down')) : Promise.resolve(inputs)),
      0,
      10,
    );
    const failed = batch.call(1);
    fail = false;
    const next = batch.call(2);
    await expect(failed).rejects.toThrow('down');
    await expect(next).resolves.toBe(2);
  });
});
