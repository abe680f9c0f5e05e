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
