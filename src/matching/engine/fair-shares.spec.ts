import { compareRatios, fairShares, unitsAt, type ShareProblem } from './fair-shares';

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
