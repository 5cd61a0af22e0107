import highsLoader, { type Highs } from 'highs';

/**
 * An independent reference: the transportation problem written as an LP in CPLEX LP format and
 * solved by HiGHS (dual simplex). Used by the property test and the benchmark, never by the app.
 */
export interface LpArc {
  from: number;
  to: number;
  gain: number;
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
