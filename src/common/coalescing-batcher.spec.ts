import { CoalescingBatcher } from './coalescing-batcher';

/** A flush that records its batches and finishes only when told to. */
function gatedFlush() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const fails = new Set<number>();
  const flush = (items: number[]) => {
    batches.push(items);
    const index = batches.length - 1;
    return new Promise<void>((resolve, reject) => {
      gates.push(() => (fails.has(index) ? reject(new Error(`batch ${index}`)) : resolve()));
    });
  };
  return { batches, gates, fails, flush };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('CoalescingBatcher', () => {
  it('flushes an item added while idle at once, alone', async () => {
    const { batches, gates, flush } = gatedFlush();
    const batcher = new CoalescingBatcher(flush);
    const done = batcher.add(1);
    expect(batches).toEqual([[1]]);
    gates[0]();
    await expect(done).resolves.toBeUndefined();
  });

  it('puts everything added during a flush into one next flush, and resolves each caller after its own', async () => {
    const { batches, gates, flush } = gatedFlush();
    const batcher = new CoalescingBatcher(flush);
    const resolved: number[] = [];
    const adds = [1, 2, 3, 4].map((n) => batcher.add(n).then(() => resolved.push(n)));
    expect(batches).toEqual([[1]]);
    gates[0]();
    await settle();
    expect(resolved).toEqual([1]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    gates[1]();
    await Promise.all(adds);
    expect(resolved).toEqual([1, 2, 3, 4]);
  });

  it("rejects only the failed flush's callers, and keeps going", async () => {
    const { batches, gates, fails, flush } = gatedFlush();
    const batcher = new CoalescingBatcher(flush);
    fails.add(0);
    const first = batcher.add(1);
    const second = batcher.add(2);
    gates[0]();
    await expect(first).rejects.toThrow('batch 0');
    await settle();
    gates[1]();
    await expect(second).resolves.toBeUndefined();
    expect(batches).toEqual([[1], [2]]);
  });

  it('caps a batch at maxBatch items', async () => {
    const { batches, gates, flush } = gatedFlush();
    const batcher = new CoalescingBatcher(flush, 2);
    const adds = [1, 2, 3, 4, 5].map((n) => batcher.add(n));
    for (let i = 0; i < 4; i++) {
      gates[i]?.();
      await settle();
    }
    await Promise.all(adds);
    expect(batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('starts again for an item added after a drain ended', async () => {
    const { batches, gates, flush } = gatedFlush();
    const batcher = new CoalescingBatcher(flush);
    const first = batcher.add(1);
    gates[0]();
    await first;
    await settle();
    const second = batcher.add(2);
    expect(batches).toEqual([[1], [2]]);
    gates[1]();
    await expect(second).resolves.toBeUndefined();
  });
});
