import { GrowableFloat64, GrowableInt32 } from './growable-array';

describe('growable arrays', () => {
  it('hand over their elements at their exact size and start again empty', () => {
    const ints = new GrowableInt32();
    const floats = new GrowableFloat64();
    for (let i = 0; i < 3000; i++) {
      ints.push(i);
      floats.push(i / 2);
    }
    ints.pushRepeated(-1, 2);
    const taken = ints.take();
    expect(taken).toHaveLength(3002);
    expect([taken[0], taken[2999], taken[3001]]).toEqual([0, 2999, -1]);
    expect(ints.length).toBe(0);
    const halves = floats.take();
    expect(halves).toHaveLength(3000);
    expect(halves[2999]).toBe(1499.5);
    expect(floats.length).toBe(0);
    // What was taken is the caller's: the growable goes on without touching it.
    ints.push(7);
    expect(ints.toArray()).toEqual(Int32Array.of(7));
    expect(taken[0]).toBe(0);
  });
});
