import { deliverableCapacity, landedBase, shippedForDelivered } from './route-table';

describe('shrink conversion between shipped and delivered units', () => {
  it('ships enough that at least the promised quantity arrives', () => {
    // 3,000 kg must arrive by sea (10 % lost): 3,334 leave, 3,000.6 arrive.
    expect(shippedForDelivered(3_000, 100_000)).toBe(3_334);
    expect(shippedForDelivered(900, 100_000)).toBe(1_000); // exact, no float noise
    expect(shippedForDelivered(500, 0)).toBe(500);
    for (let q = 1; q < 2_000; q += 7) {
      for (const ppm of [20_000, 40_000, 100_000]) {
        const shipped = shippedForDelivered(q, ppm);
        expect(shipped * (1_000_000 - ppm)).toBeGreaterThanOrEqual(q * 1_000_000);
        expect((shipped - 1) * (1_000_000 - ppm)).toBeLessThan(q * 1_000_000);
      }
    }
  });

  it('converts a listing conservatively: its capacity never ships more than it has', () => {
    expect(deliverableCapacity(1_000, 100_000)).toBe(900);
    expect(deliverableCapacity(999, 100_000)).toBe(899);
    for (let remaining = 1; remaining < 3_000; remaining += 13) {
      const capacity = deliverableCapacity(remaining, 100_000);
      // All of it by the shrinkiest mode fits; so does any mode that loses less.
      for (const ppm of [0, 20_000, 40_000, 100_000]) {
        expect(shippedForDelivered(capacity, ppm)).toBeLessThanOrEqual(remaining);
      }
    }
  });

  it('rounds the landed base up once, in integers', () => {
    expect(landedBase(31_000, 100_000)).toBe(34_445); // 34,444.4 -> 34,445
    expect(landedBase(45_000, 100_000)).toBe(50_000);
  });
});
