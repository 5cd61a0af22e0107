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

  it('take a known length as one array, and still hold what comes beyond or short of it', () => {
    const exact = new ChunkedFloat64(3);
    [1.5, 2.5, 3.5].forEach((x) => exact.push(x));
    const whole = exact.take();
    expect(whole).toEqual(Float64Array.of(1.5, 2.5, 3.5));
    // The list starts again empty and does not share the array it handed over.
    exact.push(9);
    expect(exact.take()).toEqual(Float64Array.of(9));
    expect(whole).toEqual(Float64Array.of(1.5, 2.5, 3.5));

    const beyond = new ChunkedInt32(2);
    for (let i = 0; i < 5000; i++) beyond.push(i);
    const taken = beyond.take();
    expect(taken).toHaveLength(5000);
    expect([taken[0], taken[1], taken[2], taken[4999]]).toEqual([0, 1, 2, 4999]);

    const short = new ChunkedInt32(10);
    short.push(4);
    short.push(5);
    expect(short.take()).toEqual(Int32Array.of(4, 5));
  });
});
