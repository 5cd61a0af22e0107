import highsLoader, { type Highs } from 'highs';
import type { TransportProblem } from '../transport-problem';

/**
 * An independent reference: the transportation problem written as an LP in CPLEX LP format and
 * solved by HiGHS (dual simplex). Used by the property test and the benchmark, never by the app.
 */
export interface LpArc {
  from: number;
  to: number;
  gain: number;
}

/** The engine's form of a problem given as the reference takes it (supplies, demands, arcs). */
export function transportProblemOf(problem: {
  supply: readonly number[];
  demand: readonly number[];
  arcs: readonly LpArc[];
}): TransportProblem {
  const { supply, demand, arcs } = problem;
  return {
    supply: Float64Array.from(supply),
    demand: Float64Array.from(demand),
    arcFrom: Int32Array.from(arcs, (a) => a.from),
    arcTo: Int32Array.from(arcs, (a) => a.to),
    arcGain: Float64Array.from(arcs, (a) => a.gain),
    arcCount: arcs.length,
  };
}

let highs: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  highs ??= highsLoader();
  return highs;
}

/** One term per line: HiGHS reads long rows fine, but short lines keep any LP reader happy. */
export function transportationLp(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
): string {
  const out: string[] = ['Maximize', ' obj:'];
  arcs.forEach((arc, a) => out.push(`  + ${arc.gain} x${a}`));
  if (arcs.length === 0) out.push('  0 x_empty');
  out.push('Subject To');
  const bySupply = supply.map((): number[] => []);
  const byDemand = demand.map((): number[] => []);
  arcs.forEach((arc, a) => {
    bySupply[arc.from].push(a);
    byDemand[arc.to].push(a);
  });
  bySupply.forEach((list, i) => {
    if (list.length === 0) return;
    out.push(` s${i}:`);
    for (const a of list) out.push(`  + x${a}`);
    out.push(`  <= ${supply[i]}`);
  });
  byDemand.forEach((list, j) => {
    if (list.length === 0) return;
    out.push(` d${j}:`);
    for (const a of list) out.push(`  + x${a}`);
    out.push(`  <= ${demand[j]}`);
  });
  out.push('Bounds');
  arcs.forEach((_, a) => out.push(` x${a} >= 0`));
  if (arcs.length === 0) out.push(' x_empty = 0');
  out.push('End');
  return out.join('\n');
}

export async function lpOptimum(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
): Promise<number> {
  const solver = await loadHighs();
  const result = solver.solve(transportationLp(supply, demand, arcs), { output_flag: false });
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return result.ObjectiveValue;
}

/**
 * The same market with the minimum-order rule (DESIGN rule 6), exactly, as a MIP: an arc from a
 * listing whose remaining quantity still covers its minimum carries either nothing or at least
 * that minimum (x = 0, or m <= x <= min(supply, demand), with a binary switch). The engine
 * enforces the rule with a heuristic on top of the exact transportation optimum; this is the
 * yardstick for how much that heuristic gives up. Only for small markets: it is a MIP.
 */
export function transportationMipWithMinimums(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
  minOrder: readonly number[],
): string {
  const lp = transportationLp(supply, demand, arcs).split('\n');
  const bounds = lp.indexOf('Bounds');
  const extra: string[] = [];
  const binaries: string[] = [];
  arcs.forEach((arc, a) => {
    const minimum = minOrder[arc.from];
    if (!(minimum > 1 && supply[arc.from] >= minimum)) return;
    const upper = Math.min(supply[arc.from], demand[arc.to]);
    extra.push(` lo${a}:`, `  + x${a}`, `  - ${minimum} y${a}`, '  >= 0');
    extra.push(` up${a}:`, `  + x${a}`, `  - ${upper} y${a}`, '  <= 0');
    binaries.push(` y${a}`);
  });
  const end = lp.lastIndexOf('End');
  return [
    ...lp.slice(0, bounds),
    ...extra,
    ...lp.slice(bounds, end),
    ...(binaries.length > 0 ? ['Binary', ...binaries] : []),
    'End',
  ].join('\n');
}

export async function mipOptimumWithMinimums(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
  minOrder: readonly number[],
  timeLimitS = 60,
): Promise<{ objective: number; status: string }> {
  const solver = await loadHighs();
  const result = solver.solve(transportationMipWithMinimums(supply, demand, arcs, minOrder), {
    output_flag: false,
    time_limit: timeLimitS,
    mip_rel_gap: 0,
  });
  if (result.Status !== 'Optimal' && result.Status !== 'Time limit reached') {
    throw new Error(`HiGHS MIP: ${result.Status}`);
  }
  return { objective: result.ObjectiveValue, status: result.Status };
}

/**
 * Fair rationing as written by hand for HiGHS, independently of the engine's water-filling:
 * the largest t such that every servable request (one with an arc) receives at least t x its
 * quantity, over whole-unit allocations (a MIP: the engine's levels are over whole units).
 */
export async function maxMinFillRatio(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
): Promise<number> {
  const lp = transportationLp(supply, demand, arcs).split('\n');
  const servable = [...new Set(arcs.map((a) => a.to))];
  if (servable.length === 0) return 1;
  const rows: string[] = [];
  for (const j of servable) {
    rows.push(` f${j}:`);
    arcs.forEach((arc, a) => {
      if (arc.to === j) rows.push(`  + x${a}`);
    });
    rows.push(`  - ${demand[j]} t`, '  >= 0');
  }
  const bounds = lp.indexOf('Bounds');
  const end = lp.lastIndexOf('End');
  const text = [
    'Maximize',
    ' obj: + t',
    ...lp.slice(lp.indexOf('Subject To'), bounds),
    ...rows,
    ...lp.slice(bounds, end),
    ' 0 <= t <= 1',
    'General',
    ...arcs.map((_, a) => ` x${a}`),
    'End',
  ].join('\n');
  const solver = await loadHighs();
  const result = solver.solve(text, { output_flag: false, mip_rel_gap: 0 });
  if (result.Status !== 'Optimal') throw new Error(`HiGHS MIP: ${result.Status}`);
  return result.ObjectiveValue;
}

/** The best gain when request j must receive at least lowerBound[j] (HiGHS, LP). */
export async function lpOptimumWithLowerBounds(
  supply: readonly number[],
  demand: readonly number[],
  arcs: readonly LpArc[],
  lowerBound: readonly number[],
): Promise<number> {
  const lp = transportationLp(supply, demand, arcs).split('\n');
  const rows: string[] = [];
  lowerBound.forEach((bound, j) => {
    if (bound <= 0) return;
    rows.push(` lb${j}:`);
    arcs.forEach((arc, a) => {
      if (arc.to === j) rows.push(`  + x${a}`);
    });
    rows.push(`  >= ${bound}`);
  });
  const bounds = lp.indexOf('Bounds');
  const text = [...lp.slice(0, bounds), ...rows, ...lp.slice(bounds)].join('\n');
  const solver = await loadHighs();
  const result = solver.solve(text, { output_flag: false });
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return result.ObjectiveValue;
}
