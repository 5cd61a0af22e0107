import fc from 'fast-check';
import { forEachByGainDescending, orderByGainDescending } from './gain-order';

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

describe('forEachByGainDescending', () => {
  /** Gains with common ties across `span`, as in the property above. */
  const gainsOf = (count: number, distinct: number, offset: number, span: number, seed: number) => {
    const values = Array.from(
      { length: distinct },
      (_, k) => offset + Math.floor((((k * 2654435761 + seed) % 1e9) / 1e9) * span),
    );
    // A little below each value too: one first-pass bucket holds several gains, out of index order.
    return Array.from(
      { length: count },
      (_, a) => values[(a * 7919 + seed) % distinct] - ((a * 131 + seed) % 997),
    );
  };

  it.each([
    ['gains within 16 bits', 60_000],
    ['gains across 32 bits', 2 ** 31],
    ['gains past 48 bits', 2 ** 52],
  ])('visits every index in orderByGainDescending order, %s', (_what, span) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: -(2 ** 20), max: 2 ** 20 }),
        fc.nat(),
        (count, distinct, offset, seed) => {
          const gains = Float64Array.from(gainsOf(count, distinct, offset, span, seed));
          const visited: number[] = [];
          forEachByGainDescending(
            gains,
            count,
            () => true,
            (a) => visited.push(a),
          );
          expect(visited).toEqual(Array.from(orderByGainDescending(gains, count)));
        },
      ),
      { numRuns: 30 },
    );
  });

  it('gives a greedy pass over arcs the allocation of the full order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1100, max: 6000 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(60_000, 2 ** 31, 2 ** 45),
        fc.nat(),
        (count, distinct, span, seed) => {
          const gains = Float64Array.from(gainsOf(count, distinct, 0, span, seed));
          const nodes = 40;
          const from = Array.from({ length: count }, (_, a) => (a * 31 + seed) % nodes);
          const to = Array.from({ length: count }, (_, a) => (a * 17 + (seed >> 3)) % nodes);
          const greedy = (
            each: (take: (a: number) => void, alive: (a: number) => boolean) => void,
          ) => {
            const supply = Array.from({ length: nodes }, (_, i) => 1 + ((i * 13 + seed) % 50));
            const demand = Array.from({ length: nodes }, (_, j) => 1 + ((j * 29 + seed) % 50));
            const taken: [number, number][] = [];
            each(
              (a) => {
                const q = Math.min(supply[from[a]], demand[to[a]]);
                if (q <= 0) return;
                supply[from[a]] -= q;
                demand[to[a]] -= q;
                taken.push([a, q]);
              },
              (a) => supply[from[a]] > 0 && demand[to[a]] > 0,
            );
            return taken;
          };
          const full = greedy((take) => orderByGainDescending(gains, count).forEach(take));
          const bucketed = greedy((take, alive) =>
            forEachByGainDescending(gains, count, alive, take),
          );
          expect(bucketed).toEqual(full);
        },
      ),
      { numRuns: 40 },
    );
  });
});
