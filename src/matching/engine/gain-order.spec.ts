import fc from 'fast-check';
import { orderByGainDescending } from './gain-order';

/** The order the engine relies on, by definition: decreasing gain, ties by increasing index. */
const byComparator = (gains: number[]) =>
  gains.map((_, a) => a).sort((a, b) => gains[b] - gains[a] || a - b);

describe('orderByGainDescending', () => {
  it.each([
    ['a few arcs', 1, 300, 50],
    ['a few arcs with gains far apart', 1, 300, 2 ** 40],
    ['radix-sized markets, gains within 16 bits', 1024, 6000, 60_000],
    ['radix-sized markets, gains across 32 bits', 1024, 6000, 2 ** 31],
    ['radix-sized markets, gains past 32 bits', 1024, 3000, 2 ** 40],
    ['radix-sized markets, gains past 48 bits', 1024, 3000, 2 ** 52],
  ])('orders %s by decreasing gain, ties by index', (_what, minCount, maxCount, span) => {
    fc.assert(
      fc.property(
        fc.integer({ min: minCount, max: maxCount }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: -(2 ** 20), max: 2 ** 20 }),
        fc.nat(),
        (count, distinct, offset, seed) => {
          // Few distinct values, so that ties are common.
          const values = Array.from(
            { length: distinct },
            (_, k) => offset + Math.floor((((k * 2654435761 + seed) % 1e9) / 1e9) * span),
          );
          const gains = Array.from(
            { length: count },
            (_, a) => values[(a * 7919 + seed) % distinct],
          );
          const order = orderByGainDescending(Float64Array.from(gains), count);
          expect(Array.from(order)).toEqual(byComparator(gains));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('orders gains that are not whole numbers by the comparator, ties by index', () => {
    const gains = Array.from(
      { length: 3000 },
      (_, a) => ((a * 7919) % 97) / 4 + (a % 3 === 0 ? 0.5 : 0),
    );
    const order = orderByGainDescending(Float64Array.from(gains), gains.length);
    expect(Array.from(order)).toEqual(byComparator(gains));
  });

  it('orders nothing when there is nothing', () => {
    expect(orderByGainDescending(new Float64Array(0), 0)).toHaveLength(0);
  });
});
