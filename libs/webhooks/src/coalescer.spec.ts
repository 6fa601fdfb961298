import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

const later = <T>(value: T, ms = 5) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('Coalescer', () => {
  it('runs calls made in one turn as one batch, each caller getting its own result', async () => {
    const batches: number[][] = [];
    const doubler = new Coalescer<number, number>((inputs) => {
      batches.push(inputs);
      return later(inputs.map((n) => n * 2));
    });
    const results = await Promise.all([1, 2, 3].map((n) => doubler.call(n)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('groups calls that arrive while the runs in flight are busy, up to the batch size', async () => {
    const batches: number[][] = [];
    const echo = new Coalescer<number, number>(
      (inputs) => {
        batches.push(inputs);
        return later(inputs, 20);
      },
      3,
      1,
    );
    const first = echo.call(0);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [1, 2, 3, 4].map((n) => echo.call(n));
    expect(await Promise.all([first, ...rest])).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it('rejects every caller of a failed batch, and keeps serving the next ones', async () => {
    let fail = true;
    const flaky = new Coalescer<number, number>(async (inputs) => {
      if (fail) throw new Error('database unavailable');
      return Promise.resolve(inputs);
    });
    const failed = await Promise.allSettled([flaky.call(1), flaky.call(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await flaky.call(3)).toBe(3);
  });

  it('refuses a run that loses results rather than resolving callers with the wrong ones', async () => {
    const lossy = new Coalescer<number, number>((inputs) => Promise.resolve(inputs.slice(1)));
    const settled = await Promise.allSettled([lossy.call(1), lossy.call(2)]);
    expect(settled.every((r) => r.status === 'rejected')).toBe(true);
  });
});
