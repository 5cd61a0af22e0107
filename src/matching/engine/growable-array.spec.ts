import { ChunkedFloat64, ChunkedInt32 } from './growable-array';

describe("a build's chunked arc lists", () => {
  it('hand over their elements in one exact-size array, across chunks, and start again empty', () => {
    const slots = new ChunkedInt32();
    const gains = new ChunkedFloat64();
    // Across chunks of every size, up to the largest (8 million Int32 elements).
    const n = 9_000_001;
    for (let i = 0; i < n; i++) {
      slots.push(i);
      gains.push(i / 2);
    }
    expect(slots.length).toBe(n);
    const taken = slots.take();
    expect(taken).toHaveLength(n);
    expect([taken[0], taken[1023], taken[1024], taken[n - 1]]).toEqual([0, 1023, 1024, n - 1]);
    expect(slots.length).toBe(0);
    const halves = gains.take();
    expect(halves).toHaveLength(n);
    expect(halves[n - 1]).toBe((n - 1) / 2);
    // What was taken is the caller's: the list goes on without touching it.
    slots.push(7);
    slots.push(8);
    expect(slots.take()).toEqual(Int32Array.of(7, 8));
    expect(taken[0]).toBe(0);
  });
});
