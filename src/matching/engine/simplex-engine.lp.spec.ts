import fc from 'fast-check';
import { SimplexEngine } from './simplex-engine';
import { lpOptimum, transportProblemOf, type LpArc } from './testing/lp-reference';

/**
 * The core solver against an independent LP solver (HiGHS): random transportation problems with
 * random integer gains and capacities, solved from scratch and built up incrementally.
 */

interface Instance {
  supply: number[];
  demand: number[];
  arcs: LpArc[];
}

const instance: fc.Arbitrary<Instance> = fc
  .record({
    supply: fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 8 }),
    demand: fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 8 }),
    density: fc.double({ min: 0.1, max: 1, noNaN: true }),
    seed: fc.integer(),
    maxGain: fc.constantFrom(3, 50, 100_000),
  })
  .map(({ supply, demand, density, seed, maxGain }) => {
    // A tiny LCG from the drawn seed decides the arcs, so shrinking keeps shapes stable.
    let state = seed >>> 0;
    const next = () => {
      state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
      return state / 2 ** 32;
    };
    const arcs: LpArc[] = [];
    supply.forEach((_, from) =>
      demand.forEach((__, to) => {
        if (next() < density) arcs.push({ from, to, gain: 1 + Math.floor(next() * maxGain) });
      }),
    );
    return { supply, demand, arcs };
  });

function expectFeasible(
  engine: SimplexEngine,
  supply: number[],
  demand: number[],
  nS: number,
): void {
  const sold = new Array<number>(supply.length).fill(0);
  const bought = new Array<number>(demand.length).fill(0);
  for (let arc = 0; arc < engine.arcCount; arc++) {
    if (!engine.isTradeArc(arc)) continue;
    const flow = engine.arcFlow(arc);
    expect(flow).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(flow)).toBe(true);
    if (flow === 0) continue;
    expect(engine.arcGain(arc)).toBeGreaterThan(0);
    sold[engine.arcFrom(arc) - 1] += flow;
    bought[engine.arcTo(arc) - 1 - nS] += flow;
  }
  sold.forEach((q, i) => expect(q).toBeLessThanOrEqual(supply[i]));
  bought.forEach((q, j) => expect(q).toBeLessThanOrEqual(demand[j]));
}

const closeTo = (value: number, reference: number) =>
  expect(Math.abs(value - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(reference)));

describe('SimplexEngine against HiGHS', () => {
  it('reaches the LP optimum from scratch on random transportation problems', async () => {
    await fc.assert(
      fc.asyncProperty(instance, async (inst) => {
        const engine = SimplexEngine.solve(transportProblemOf(inst));
        closeTo(engine.objective(), await lpOptimum(inst.supply, inst.demand, inst.arcs));
        expectFeasible(engine, inst.supply, inst.demand, inst.supply.length);
      }),
      { numRuns: 300, seed: 20260105 },
    );
  });

  it('reaches the LP optimum on larger dense problems, where most arcs start in the pool', async () => {
    // Up to 60 x 60 with 30-100% density: the column generation needs several pricing rounds.
    const large = fc
      .record({
        n: fc.integer({ min: 20, max: 60 }),
        seed: fc.integer(),
        density: fc.double({ min: 0.3, max: 1, noNaN: true }),
      })
      .map(({ n, seed, density }) => {
        let state = seed >>> 0;
        const next = () => {
          state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
          return state / 2 ** 32;
        };
        const supply = Array.from({ length: n }, () => 1 + Math.floor(next() * 500));
        const demand = Array.from({ length: n }, () => 1 + Math.floor(next() * 500));
        const arcs: LpArc[] = [];
        // Separable gains (buyer value - seller cost - distance), like real markets: many ties.
        const value = demand.map(() => Math.floor(next() * 1_000));
        const cost = supply.map(() => Math.floor(next() * 500));
        for (let from = 0; from < n; from++) {
          for (let to = 0; to < n; to++) {
            const gain = value[to] - cost[from] - Math.floor(next() * 300);
            if (next() < density && gain > 0) arcs.push({ from, to, gain });
          }
        }
        return { supply, demand, arcs };
      });
    await fc.assert(
      fc.asyncProperty(large, async (inst) => {
        const engine = SimplexEngine.solve(transportProblemOf(inst));
        closeTo(engine.objective(), await lpOptimum(inst.supply, inst.demand, inst.arcs));
        expectFeasible(engine, inst.supply, inst.demand, inst.supply.length);
      }),
      { numRuns: 40, seed: 42 },
    );
  });

  it('stays optimal when supply nodes are added one by one to a live solution', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.integer({ min: 0, max: 8 }), async (inst, split) => {
        const first = Math.min(split, inst.supply.length);
        const initial = transportProblemOf({
          supply: inst.supply.slice(0, first),
          demand: inst.demand,
          arcs: inst.arcs.filter((a) => a.from < first),
        });
        const engine = SimplexEngine.solve(initial);
        for (let i = first; i < inst.supply.length; i++) {
          const arcs = inst.arcs
            .filter((a) => a.from === i)
            .map((a) => ({ node: engine.demandNodeId(a.to, first), gain: a.gain }));
          engine.addSupplyNode(inst.supply[i], 0, arcs);
          engine.reoptimise();
        }
        closeTo(engine.objective(), await lpOptimum(inst.supply, inst.demand, inst.arcs));
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it('stays optimal when a node is taken out of the market', async () => {
    await fc.assert(
      fc.asyncProperty(instance, fc.nat(), async (inst, which) => {
        const engine = SimplexEngine.solve(transportProblemOf(inst));
        const removed = which % inst.supply.length;
        engine.removeNode(engine.supplyNodeId(removed));
        engine.reoptimise();
        const rest = { ...inst, supply: inst.supply.map((q, i) => (i === removed ? 0 : q)) };
        closeTo(engine.objective(), await lpOptimum(rest.supply, rest.demand, rest.arcs));
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
