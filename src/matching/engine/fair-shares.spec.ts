import {
  compareRatios,
  fairShares,
  unitsAt,
  waterFill,
  type FairShares,
  type ShareProblem,
} from './fair-shares';
import { seededRandom } from './testing/random-market';

/**
 * Four regions, each with 10 listings and 100 requests of distinct quantities reaching only its
 * own listings: four shortages at four fill ratios, every request a candidate level k / q.
 */
function fourRegions(): ShareProblem {
  const supply = Array.from({ length: 40 }, (_, i) => 50 + ((i * 37) % 90));
  const demand = Array.from({ length: 400 }, (_, j) => 20 + ((j * 53) % 181));
  const arcFrom: number[] = [];
  const arcTo: number[] = [];
  for (let i = 0; i < supply.length; i++) {
    for (let j = 0; j < demand.length; j++) {
      if (i % 4 === j % 4) {
        arcFrom.push(i);
        arcTo.push(j);
      }
    }
  }
  return { supply, demand, arcFrom, arcTo, arcCount: arcFrom.length };
}

describe('fairShares: the cost of a level', () => {
  // Each max-flow is a pass over every arc: at 5,000 x 5,000 (3.9 million arcs) a bisection's 21
  // max-flows a level took 85 s, and a national chili market never got a proposal (#15).
  it('finds each level in at most three max-flows, not by bisecting the candidate ratios', () => {
    const problem = fourRegions();
    const shares = fairShares(problem);

    expect(shares.levels).toBe(4);
    expect(shares.flows).toBeLessThanOrEqual(3 * shares.levels);
  });

  it('still gives each region its exact level: the largest ratio its supply can give all', () => {
    const problem = fourRegions();
    const shares = fairShares(problem);

    for (let region = 0; region < 4; region++) {
      const listings = Array.from(problem.supply, (_, i) => i).filter((i) => i % 4 === region);
      const requests = Array.from(problem.demand, (_, j) => j).filter((j) => j % 4 === region);
      const supply = listings.reduce((sum, i) => sum + problem.supply[i], 0);
      const level = shares.level[requests[0]]!;
      const needs = (t: typeof level) =>
        requests.reduce((sum, j) => sum + unitsAt(t, problem.demand[j]), 0);
      expect(requests.every((j) => compareRatios(shares.level[j]!, level) === 0)).toBe(true);
      expect(requests.reduce((sum, j) => sum + shares.share[j], 0)).toBeLessThanOrEqual(supply);
      expect(needs(level)).toBeLessThanOrEqual(supply);
      // The next candidate ratio of any request of the region would need more than its supply.
      const next = requests
        .map((j) => ({
          // floor(level x q) + 1: the smallest fraction k / q above the level.
          numerator: Math.floor((level.numerator * problem.demand[j]) / level.denominator) + 1,
          denominator: problem.demand[j],
        }))
        .reduce((a, b) => (compareRatios(a, b) <= 0 ? a : b));
      expect(needs(next)).toBeGreaterThan(supply);
    }
  });
});

/**
 * A market of `regions` groups of listings and requests, each request reaching a random subset of
 * its group's listings and, now and then, one of another group's: some groups short, some not,
 * some shortages linked through a shared listing.
 */
function randomProblem(random: () => number): ShareProblem {
  const regions = 1 + Math.floor(random() * 4);
  const listings = 2 + Math.floor(random() * 12);
  const requests = 2 + Math.floor(random() * 16);
  const scarcity = 0.2 + random() * 1.6;
  const regionOf = (k: number) => k % regions;
  const supply = Array.from({ length: listings }, () => Math.floor(1 + random() * 200 * scarcity));
  const demand = Array.from({ length: requests }, () =>
    random() < 0.1 ? 0 : Math.floor(1 + random() * 150),
  );
  const arcFrom: number[] = [];
  const arcTo: number[] = [];
  for (let i = 0; i < listings; i++) {
    for (let j = 0; j < requests; j++) {
      const near = regionOf(i) === regionOf(j);
      if (random() < (near ? 0.6 : 0.05)) {
        arcFrom.push(i);
        arcTo.push(j);
      }
    }
  }
  return { supply, demand, arcFrom, arcTo, arcCount: arcFrom.length };
}

const ratioOrNull = (r: FairShares['level'][number]) =>
  r === null ? null : r.numerator / r.denominator;

describe('fairShares: narrowed to the shortage first', () => {
  it('gives the shares, levels and minimum ratio of the water-filling over the whole market', () => {
    const random = seededRandom(2026_12_02);
    let narrowed = 0;
    for (let round = 0; round < 400; round++) {
      const problem = randomProblem(random);
      const whole = waterFill(problem);
      const shares = fairShares(problem);

      expect(shares.share).toEqual(whole.share);
      expect(compareRatios(shares.minRatio, whole.minRatio)).toBe(0);
      const distinct = new Set(shares.level.filter((l) => l !== null).map(ratioOrNull)).size;
      expect(shares.levels).toBe(distinct);
      expect(shares.deficit).toBe(whole.deficit);
      // A rationed request's level is the same; one served in full is at its level or at 1 (the
      // whole market's water-filling freezes it at whichever level rounded its share up to its
      // quantity; beyond the shortage, it is never part of a level below 1).
      const rationed = (j: number) => shares.share[j] < problem.demand[j];
      shares.level.forEach((level, j) => {
        if (whole.level[j] === null || rationed(j))
          expect(ratioOrNull(level)).toBe(ratioOrNull(whole.level[j]));
        else expect([ratioOrNull(whole.level[j]), 1]).toContain(ratioOrNull(level));
      });
      // Some requests short while others are served in full: the narrowing did something.
      const short = shares.level.some((level, j) => level !== null && rationed(j));
      const full = shares.level.some((level, j) => level !== null && !rationed(j));
      if (short && full) narrowed++;
    }
    // The generator makes markets where a shortage sits beside requests served in full.
    expect(narrowed).toBeGreaterThan(100);
  });

  it("runs the shortage's levels on its own arcs: fewer max-flow passes over the whole market", () => {
    // Region 0 short, regions 1-3 with plenty: one pass over all arcs, then region 0's levels.
    const problem = fourRegions();
    const plenty = Array.from(problem.supply, (s, i) => (i % 4 === 0 ? s : 100 * s));
    const shares = fairShares({ ...problem, supply: plenty });
    const whole = waterFill({ ...problem, supply: plenty });

    expect(shares.share).toEqual(whole.share);
    expect(shares.levels).toBe(2);
    const region0 = Array.from(problem.demand, (_, j) => j).filter((j) => j % 4 === 0);
    expect(region0.every((j) => shares.share[j] < problem.demand[j])).toBe(true);
  });
});

describe('fairShares: quantities past 32 bits', () => {
  it('shares a market whose supply and demand reach past 2^31 as exactly as a small one', () => {
    // One listing of 3 x 2^30 units for two requests of 2^31 each, and the same market at a
    // 2^29th of the size: 32-bit residuals would wrap around on the first (see BoundedFlow).
    const big = 2 ** 30;
    const market = (unit: number): ShareProblem => ({
      supply: [3 * unit],
      demand: [2 * unit, 2 * unit],
      arcFrom: [0, 0],
      arcTo: [0, 1],
      arcCount: 2,
    });
    const small = fairShares(market(2));
    expect(small.share).toEqual([3, 3]);
    const shares = fairShares(market(big));
    expect(shares.share).toEqual([1.5 * big, 1.5 * big]);
    expect(shares.deficit).toBe(true);
  });
});

/**
 * The largest flow source -> listings -> requests -> sink with each request bounded by `bounds`,
 * by augmenting paths over a capacity matrix: slow and plain, a check on the engine's max-flow.
 */
function referenceMaxFlow(problem: ShareProblem, bounds: readonly number[]): number {
  const nS = problem.supply.length;
  const nD = problem.demand.length;
  const n = nS + nD + 2;
  const source = n - 2;
  const sink = n - 1;
  const capacity = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < nS; i++) capacity[source][i] = problem.supply[i];
  for (let a = 0; a < problem.arcCount; a++)
    capacity[problem.arcFrom[a]][nS + problem.arcTo[a]] = Infinity;
  for (let j = 0; j < nD; j++) capacity[nS + j][sink] = bounds[j];
  let flow = 0;
  for (;;) {
    const parent = new Array<number>(n).fill(-1);
    parent[source] = source;
    const queue = [source];
    while (queue.length > 0 && parent[sink] < 0) {
      const u = queue.shift()!;
      for (let v = 0; v < n; v++) {
        if (parent[v] < 0 && capacity[u][v] > 0) {
          parent[v] = u;
          queue.push(v);
        }
      }
    }
    if (parent[sink] < 0) return flow;
    let pushed = Infinity;
    for (let v = sink; v !== source; v = parent[v])
      pushed = Math.min(pushed, capacity[parent[v]][v]);
    for (let v = sink; v !== source; v = parent[v]) {
      capacity[parent[v]][v] -= pushed;
      capacity[v][parent[v]] += pushed;
    }
    flow += pushed;
  }
}

/**
 * The problem with its arcs in a random order (no longer listing by listing), and with
 * `parallel` a fifth of them twice (two arcs of one pair: unbounded both, they change nothing).
 */
function shuffledArcs(problem: ShareProblem, random: () => number, parallel = false): ShareProblem {
  const order = Array.from({ length: problem.arcCount }, (_, a) => a);
  if (parallel) order.push(...order.filter(() => random() < 0.2));
  for (let k = order.length - 1; k > 0; k--) {
    const m = Math.floor(random() * (k + 1));
    [order[k], order[m]] = [order[m], order[k]];
  }
  return {
    ...problem,
    arcFrom: order.map((a) => problem.arcFrom[a]),
    arcTo: order.map((a) => problem.arcTo[a]),
    arcCount: order.length,
  };
}

describe("fairShares: the max-flow on the problem's own arcs", () => {
  it('gives shares some allocation meets, at a smallest fill ratio no allocation can raise', () => {
    const random = seededRandom(2026_12_03);
    let short = 0;
    for (let round = 0; round < 600; round++) {
      // Every other problem with its arcs out of listing order (the flow's other walk of them),
      // some of those with parallel arcs.
      const generated = randomProblem(random);
      const problem =
        round % 2 === 0 ? generated : shuffledArcs(generated, random, round % 4 === 1);
      const shares = fairShares(problem);
      const sum = shares.share.reduce((total, s) => total + s, 0);
      expect(referenceMaxFlow(problem, shares.share)).toBe(sum);
      if (compareRatios(shares.minRatio, { numerator: 1, denominator: 1 }) >= 0) continue;
      // The next candidate ratio above the smallest level, k / q for some request, is out of reach.
      short++;
      const servable = shares.level.map((l) => l !== null);
      let next: { numerator: number; denominator: number } | null = null;
      Array.from(problem.demand).forEach((q, j) => {
        if (!servable[j]) return;
        const c = {
          numerator: Math.floor((shares.minRatio.numerator * q) / shares.minRatio.denominator) + 1,
          denominator: q,
        };
        if (next === null || compareRatios(c, next) < 0) next = c;
      });
      const above = Array.from(problem.demand, (q, j) => (servable[j] ? unitsAt(next!, q) : 0));
      const needed = above.reduce((total, s) => total + s, 0);
      expect(referenceMaxFlow(problem, above)).toBeLessThan(needed);
    }
    expect(short).toBeGreaterThan(100);
  });

  it('gives the same shares whatever the order of the arcs, and with parallel arcs', () => {
    const random = seededRandom(2026_12_04);
    for (let round = 0; round < 200; round++) {
      const problem = randomProblem(random);
      const shuffled = shuffledArcs(problem, random, round % 2 === 1);
      expect(fairShares(shuffled).share).toEqual(fairShares(problem).share);
      expect(waterFill(shuffled).share).toEqual(waterFill(problem).share);
    }
  });
});
