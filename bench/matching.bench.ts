/* Matching engine benchmark: npm run bench:matching (npx ts-node --transpile-only bench/matching.bench.ts).
 *
 * Seeded synthetic markets (bench/market-generator.ts) of 1k, 5k, 10k and 20k listings with as
 * many requests over 20 commodities. For each size:
 *  - full re-optimisation of all 20 commodities, candidate-arc generation included (median of
 *    several runs after one warm-up run; the cold first run is printed too), wall and CPU time;
 *  - peak RSS during the full solves, and the memory the live market holds (20 MarketSolvers);
 *  - adding one listing to the live market: MarketSolver.upsertListing, p50/p99 over 200
 *    additions (engine time) after 40 unmeasured ones (JIT warm-up), and with result()
 *    (materialising the allocation) on top;
 *  - the exact solver alone on the same arcs vs a greedy baseline (best-gain pairs first), time
 *    and objective, measured in the same process (the machine is noisy: read the ratios).
 * Then two independent checks by HiGHS, commodity by commodity:
 *  - LP gap (1k and 2k only): the exact transportation optimum WITHOUT minimum orders, engine vs
 *    HiGHS LP; a check of the simplex, not of the answer the platform proposes;
 *  - MIP gap (100, 200, 400 listings x requests): the PRODUCTION answer (MarketSolver, minimum
 *    orders enforced) vs the exact optimum with minimum orders (HiGHS MIP, binary switch per
 *    arc). This is the gap users get; sizes above that are not checked (the MIP is too slow).
 * Then fair rationing (#12) on deficit markets (the same markets with every listing cut to a
 * third, so that most commodities are short): each commodity solved under `fair` and under
 * `max-gain`, with the price of fairness (real gain given up, rupiah and percent), the smallest
 * fill ratio under each policy, water-filling levels and max-flow runs, and at 200 the first
 * level checked against HiGHS (max-min fill ratio as a MIP). `--fair` runs only this part.
 * Then one DENSE commodity (#15 point 5): a national chili market, cabai_merah_keriting alone
 * with 5,000 and 10,000 listings x as many requests (the sizes above spread theirs over 20
 * commodities, 250-1,000 each): the full build and solve (arcs, wall and CPU time, peak RSS),
 * the same under `fair` rationing, and one listing or one request added to the live market
 * (p50/p99). `--dense` runs only this part; `--dense=5000,20000` picks the sizes.
 */
import { loadavg } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  loadCommodities,
  loadNetworkData,
  loadRegionRows,
} from '../src/logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../src/logistics/transport-network';
import { SimplexEngine } from '../src/matching/engine/simplex-engine';
import { orderByGainDescending } from '../src/matching/engine/gain-order';
import { MarketSolver } from '../src/matching/engine/market-solver';
import { deliverableCapacity, RouteTable } from '../src/matching/engine/route-table';
import { solveRationed } from '../src/matching/engine/rationing';
import type { SolveMarketResult } from '../src/matching/engine/engine.types';
import {
  lpOptimum,
  maxMinFillRatio,
  mipOptimumWithMinimums,
} from '../src/matching/engine/testing/lp-reference';
import type { TransportProblem } from '../src/matching/engine/transport-problem';
import { lotSizeGap } from './lot-size-gap';
import {
  extraListing,
  generateMarket,
  seededRandom,
  type GeneratedMarket,
} from './market-generator';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

// Sizes can be given on the command line (e.g. `... matching.bench.ts 10000`); default: all.
const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
// `--mip` alone: only the MIP comparison of the production answer (quick).
const MIP_ONLY = process.argv.includes('--mip') && SIZES.length === 0;
// `--fair` alone: only fair rationing on deficit markets.
const FAIR_ONLY = process.argv.includes('--fair') && SIZES.length === 0;
// `--dense[=5000,10000]` alone: only the one dense commodity, at those sizes.
const denseArg = process.argv.find((a) => a === '--dense' || a.startsWith('--dense='));
const DENSE_ONLY = denseArg !== undefined && SIZES.length === 0;
const DENSE_SIZES = denseArg?.includes('=')
  ? denseArg
      .slice('--dense='.length)
      .split(',')
      .map(Number)
      .filter((n) => n > 0)
  : [5_000, 10_000];
const DENSE_COMMODITY = 'cabai_merah_keriting';
const DENSE_CHANGES = 50;
// `--lot` alone: only the lot-size gap against the exact MIP with per-shipment freight (#10).
const LOT_ONLY = process.argv.includes('--lot') && SIZES.length === 0;
/** Small on purpose: a MIP per market, seconds each at 50 x 50. */
const LOT_SIZES = [10, 25, 50];
const LOT_SEEDS = 5;
const LOT_TIME_LIMIT_S = 30;
if (SIZES.length === 0 && !MIP_ONLY && !FAIR_ONLY && !DENSE_ONLY && !LOT_ONLY) {
  SIZES.push(1_000, 5_000, 10_000, 20_000);
}
const FAIR_SIZES = [200, 1_000, 2_000];
const LP_SIZES = [1_000, 2_000];
// The production answer (minimum orders enforced) against an exact MIP: small markets only.
const MIP_SIZES = [100, 200, 400];
const ADDITIONS = 200;
const WARM_UP = 40;

const networkData = loadNetworkData();
const network = TransportNetwork.fromData(networkData);
// 20 commodities: all of commodities-id.csv but the last (milkfish).
const commodities = loadCommodities().slice(0, 20);
const regions = loadRegionRows();

const ms = (x: number) => x.toFixed(1);
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

function generate(size: number): GeneratedMarket {
  return generateMarket({ size, commodities, regions, seed: 20260105 + size });
}

function solveAll(
  market: GeneratedMarket,
  keep: boolean,
  on: TransportNetwork = network,
): MarketSolver[] {
  const solvers: MarketSolver[] = [];
  for (const m of market.markets) {
    const solver = MarketSolver.build({ ...m, network: on, now: market.now });
    solver.result();
    if (keep) solvers.push(solver);
  }
  return solvers;
}

/** Best-gain pairs first, each taking what both sides have left: the obvious heuristic. */
function greedy(problem: TransportProblem): number {
  const supply = problem.supply.slice();
  const demand = problem.demand.slice();
  const order = orderByGainDescending(problem.arcGain, problem.arcCount);
  let objective = 0;
  for (let k = 0; k < order.length; k++) {
    const a = order[k];
    const q = Math.min(supply[problem.arcFrom[a]], demand[problem.arcTo[a]]);
    if (q <= 0) continue;
    supply[problem.arcFrom[a]] -= q;
    demand[problem.arcTo[a]] -= q;
    objective += q * problem.arcGain[a];
  }
  return objective;
}

interface Row {
  size: number;
  arcs: number;
  /** First solve on a new network version, routes built lazily on the way (before #10). */
  lazyCold: number;
  /** RouteTable.prepare on a new network version: every route the markets can ask for. */
  prepare: number;
  routes: number;
  /** First solve on a new network version after prepare. */
  cold: number;
  wall: number[];
  cpu: number[];
  peakRss: number;
  live: number;
  add: number[];
  addWithResult: number[];
  exact: number;
  greedy: number;
  greedyRatio: number;
  minOrderCost: number;
}

function measure(size: number): Row {
  const market = generate(size);
  gc();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));

  // A network version change: a freshly built network, as a worker holds after a reload. The old
  // path built each route on first use inside the solve; now RouteTable.prepare builds them all
  // once (for all commodities) when the version is loaded, and the first solve only reads them.
  let t = performance.now();
  solveAll(market, false, TransportNetwork.fromData(networkData));
  const lazyCold = performance.now() - t;
  gc();
  const version = TransportNetwork.fromData(networkData);
  t = performance.now();
  const routes = RouteTable.prepare(
    version,
    market.markets.map((m) => ({ ...m, category: m.shelfLife.category })),
  );
  const prepare = performance.now() - t;
  t = performance.now();
  solveAll(market, false, version);
  const cold = performance.now() - t;
  sample();

  const runs = size <= 10_000 ? 5 : 3;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    gc();
    const c = process.cpuUsage();
    t = performance.now();
    for (const m of market.markets) {
      MarketSolver.build({ ...m, network: version, now: market.now }).result();
      sample();
    }
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }

  // The live market: every commodity's solver kept in memory.
  gc();
  const before = process.memoryUsage();
  const solvers = solveAll(market, true, version);
  gc();
  const after = process.memoryUsage();
  const live = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
  sample();
  const arcs = solvers.reduce((sum, s) => sum + s.candidateArcs, 0);

  for (const solver of solvers) solver.prepareForChanges();
  const random = seededRandom(size);
  const add: number[] = [];
  const addWithResult: number[] = [];
  // The first WARM_UP additions only warm the JIT up for the incremental path; not measured.
  for (let k = -WARM_UP; k < ADDITIONS; k++) {
    const c = (k + WARM_UP) % solvers.length;
    const m = market.markets[c];
    const listing = extraListing(
      m,
      m.listings[(k + WARM_UP) % m.listings.length],
      `bench-${k + WARM_UP}`,
      random,
    );
    t = performance.now();
    solvers[c].upsertListing(listing);
    const engine = performance.now() - t;
    solvers[c].result();
    if (k < 0) continue;
    add.push(engine);
    addWithResult.push(performance.now() - t);
  }

  // Exact solve alone vs greedy, on the same candidate arcs (minimum orders left out: both are
  // then the plain transportation problem), and what the minimum-order rule costs.
  let exactMs = 0;
  let greedyMs = 0;
  let exactObjective = 0;
  let greedyObjective = 0;
  let withMinimums = 0;
  market.markets.forEach((m, c) => {
    const problem = MarketSolver.build({ ...m, network, now: market.now });
    const p = problem.pairs.problem;
    withMinimums += problem.objective();
    let s = performance.now();
    exactObjective += SimplexEngine.solve(p).objective();
    exactMs += performance.now() - s;
    s = performance.now();
    greedyObjective += greedy(p);
    greedyMs += performance.now() - s;
    void c;
  });
  return {
    size,
    arcs,
    lazyCold,
    prepare,
    routes,
    cold,
    wall,
    cpu,
    peakRss: peakRss - rssBefore,
    live,
    add,
    addWithResult,
    exact: exactMs,
    greedy: greedyMs,
    greedyRatio: greedyObjective / exactObjective,
    minOrderCost: 1 - withMinimums / exactObjective,
  };
}

async function lpGap(size: number): Promise<string> {
  const market = generate(size);
  let engine = 0;
  let lp = 0;
  let worst = 0;
  const t = performance.now();
  for (const m of market.markets) {
    const p = MarketSolver.build({ ...m, network, now: market.now }).pairs.problem;
    const exact = SimplexEngine.solve(p).objective();
    const arcs = Array.from({ length: p.arcCount }, (_, a) => ({
      from: p.arcFrom[a],
      to: p.arcTo[a],
      gain: p.arcGain[a],
    }));
    const reference = await lpOptimum(Array.from(p.supply), Array.from(p.demand), arcs);
    engine += exact;
    lp += reference;
    worst = Math.max(worst, Math.abs(exact - reference) / Math.max(1, Math.abs(reference)));
  }
  const total = Math.abs(engine - lp) / lp;
  return (
    `${size} x ${size}: HiGHS LP (per commodity, 20 LPs) ${lp.toFixed(0)}, engine ${engine.toFixed(0)}, ` +
    `relative gap total ${total.toExponential(2)}, worst commodity ${worst.toExponential(2)} ` +
    `(${ms(performance.now() - t)} ms incl. HiGHS)`
  );
}

/** Production answer (minimum orders enforced) vs the exact MIP optimum with minimum orders. */
async function mipGap(size: number): Promise<string> {
  const market = generate(size);
  let engine = 0;
  let mip = 0;
  let worst = 0;
  let notProven = 0;
  let withMinimum = 0;
  const t = performance.now();
  for (const m of market.markets) {
    const solver = MarketSolver.build({ ...m, network, now: market.now });
    const p = solver.pairs.problem;
    // The build's listing order: open listings of the commodity, by id (see MarketSolver). The
    // problem is in delivered units: each listing supplies its remaining quantity shrunk by the
    // network's largest shrink; its minimum order applies unchanged while it still has that
    // minimum (rule 6), capped at what it can deliver (MarketSolver's capacity and minimum).
    const maxShrinkPpm = RouteTable.of(network).maxShrinkPpm;
    const open = m.listings
      .filter((l) => l.commodityCode === m.commodityCode && l.remainingQuantity > 0)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const capacity = open.map((l) => deliverableCapacity(l.remainingQuantity, maxShrinkPpm));
    if (open.length !== p.supply.length || capacity.some((c, i) => c !== p.supply[i])) {
      throw new Error(`${m.commodityCode}: listing order differs from the engine's`);
    }
    const minOrder = open.map((l, i) =>
      l.remainingQuantity < l.minOrderQuantity ? 0 : Math.min(l.minOrderQuantity, capacity[i]),
    );
    withMinimum += minOrder.filter((q) => q > 1).length;
    const arcs = Array.from({ length: p.arcCount }, (_, a) => ({
      from: p.arcFrom[a],
      to: p.arcTo[a],
      gain: p.arcGain[a],
    }));
    const answer = solver.result().objective;
    const reference = await mipOptimumWithMinimums(
      Array.from(p.supply),
      Array.from(p.demand),
      arcs,
      minOrder,
    );
    if (reference.status !== 'Optimal') notProven += 1;
    engine += answer;
    mip += reference.objective;
    worst = Math.max(
      worst,
      (reference.objective - answer) / Math.max(1, Math.abs(reference.objective)),
    );
  }
  const total = (mip - engine) / Math.max(1, Math.abs(mip));
  return (
    `${size} x ${size}: HiGHS MIP with minimum orders (20 MIPs, ${withMinimum} listings with a minimum) ` +
    `${mip.toFixed(0)}, production answer ${engine.toFixed(0)}, gap (MIP - answer) / MIP total ` +
    `${(total * 100).toFixed(3)}%, worst commodity ${(worst * 100).toFixed(3)}%` +
    `${notProven > 0 ? `, ${notProven} MIPs stopped at the time limit (gap is then a lower bound)` : ''} ` +
    `(${ms(performance.now() - t)} ms incl. HiGHS)`
  );
}

/** The smallest allocated / requested over the requests that received anything or were servable. */
function minFill(
  result: SolveMarketResult,
  servable: ReadonlySet<string>,
  quantity: Map<string, number>,
) {
  const got = new Map<string, number>();
  for (const a of result.allocations)
    got.set(a.requestId, (got.get(a.requestId) ?? 0) + a.quantity);
  let min = 1;
  for (const id of servable) min = Math.min(min, (got.get(id) ?? 0) / quantity.get(id)!);
  return min;
}

/** Fair rationing vs max-gain on deficit markets (every listing cut to a third). */
async function fairRationing(size: number): Promise<string> {
  const market = generate(size);
  const context = { network, now: market.now };
  let fairMs = 0;
  let maxGainMs = 0;
  let gainMax = 0;
  let gainFair = 0;
  let short = 0;
  let levels = 0;
  let missed = 0;
  let worstFair = 1;
  let worstShare = 1;
  let worstMaxGain = 1;
  let highsChecked = 0;
  let highsWorst = 0;
  const deficitOf = (m: (typeof market.markets)[number]) => ({
    ...m,
    listings: m.listings.map((l) => ({
      ...l,
      remainingQuantity: Math.max(1, Math.floor(l.remainingQuantity / 3)),
    })),
  });
  // Warm the JIT up on both paths (two commodities, not measured), so neither pays for it alone.
  for (const m of market.markets.slice(0, 2)) {
    solveRationed({ ...deficitOf(m), rationing: 'max-gain' }, context, []);
    solveRationed({ ...deficitOf(m), rationing: 'fair' }, context, []);
  }
  for (const m of market.markets) {
    const deficit = deficitOf(m);
    let t = performance.now();
    const plain = solveRationed({ ...deficit, rationing: 'max-gain' }, context, []);
    maxGainMs += performance.now() - t;
    t = performance.now();
    const fair = solveRationed({ ...deficit, rationing: 'fair' }, context, []);
    fairMs += performance.now() - t;
    const outcome = fair.rationing!;
    gainMax += outcome.gainUnconstrained;
    gainFair += outcome.gainFair;
    if (outcome.deficit) short++;
    levels += outcome.levels;
    missed += outcome.sharesMissed;
    worstFair = Math.min(worstFair, outcome.minFillRatio);
    worstShare = Math.min(
      worstShare,
      outcome.shareMinFillRatio.numerator / outcome.shareMinFillRatio.denominator,
    );

    const solver = MarketSolver.build({ ...deficit, ...context });
    const p = solver.pairs.problem;
    const ids = solver.pairs.requests;
    const servable = new Set<string>();
    for (let a = 0; a < p.arcCount; a++) servable.add(ids[p.arcTo[a]]);
    const quantity = new Map(deficit.requests.map((r) => [r.id, r.remainingQuantity]));
    worstMaxGain = Math.min(worstMaxGain, minFill(plain, servable, quantity));
    if (size <= 200) {
      const arcs = Array.from({ length: p.arcCount }, (_, a) => ({
        from: p.arcFrom[a],
        to: p.arcTo[a],
        gain: p.arcGain[a],
      }));
      const reference = await maxMinFillRatio(Array.from(p.supply), Array.from(p.demand), arcs);
      const { numerator, denominator } = outcome.shareMinFillRatio;
      highsWorst = Math.max(highsWorst, Math.abs(numerator / denominator - reference));
      highsChecked++;
    }
  }
  const price = gainMax - gainFair;
  return (
    `| ${size} x ${size} | ${short}/20 | ${ms(maxGainMs)} | ${ms(fairMs)} | ${gainMax.toFixed(0)} | ` +
    `${gainFair.toFixed(0)} | ${price.toFixed(0)} | ${((100 * price) / Math.max(1, gainMax)).toFixed(2)}% | ` +
    `${worstMaxGain.toFixed(3)} | ${worstShare.toFixed(3)} | ${worstFair.toFixed(3)} | ${levels} | ${missed} | ` +
    `${highsChecked > 0 ? `${highsChecked} commodities, worst |engine - HiGHS| ${highsWorst.toExponential(1)}` : '-'} |`
  );
}

/**
 * One commodity with `size` listings and `size` requests (the generator's spread of origins,
 * destinations, prices and windows, all of it chili): what a national market of one staple costs.
 */
function dense(size: number): string {
  const chili = commodities.find((c) => c.code === DENSE_COMMODITY);
  if (!chili) throw new Error(`${DENSE_COMMODITY} is not among the commodities`);
  const [m] = generateMarket({
    size,
    commodities: [chili],
    regions,
    seed: 20261130 + size,
  }).markets;
  const now = Date.UTC(2026, 0, 5, 0, 0, 0);
  // A network of its own, its routes prepared first as a worker does when it loads a network
  // version (RouteTable.prepare): the heap they keep is a column of its own, and the peak RSS
  // column is the market's alone.
  const denseNetwork = TransportNetwork.fromData(networkData);
  gc();
  const heapBeforeRoutes = process.memoryUsage().heapUsed;
  let t = performance.now();
  const routes = RouteTable.prepare(denseNetwork, [
    { category: m.shelfLife.category, listings: m.listings, requests: m.requests },
  ]);
  const routesMs = performance.now() - t;
  gc();
  const routesHeap = process.memoryUsage().heapUsed - heapBeforeRoutes;
  const context = { network: denseNetwork, now };
  const rssBefore = process.memoryUsage.rss();
  let peakRss = rssBefore;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage.rss()));
  const timer = setInterval(sample, 50); // the solve is synchronous: sampled between phases too

  let c = process.cpuUsage();
  t = performance.now();
  const solver = MarketSolver.build({ ...m, ...context });
  const built = performance.now() - t;
  const result = solver.result();
  const full = performance.now() - t;
  let used = process.cpuUsage(c);
  const fullCpu = (used.user + used.system) / 1000;
  sample();

  c = process.cpuUsage();
  t = performance.now();
  const fair = solveRationed({ ...m, rationing: 'fair' }, context, []);
  const fairMs = performance.now() - t;
  used = process.cpuUsage(c);
  const fairCpu = (used.user + used.system) / 1000;
  sample();

  solver.prepareForChanges();
  const random = seededRandom(size);
  const addListing: number[] = [];
  const addRequest: number[] = [];
  for (let k = -WARM_UP / 4; k < DENSE_CHANGES; k++) {
    const i = k + WARM_UP / 4;
    const listing = extraListing(m, m.listings[i % m.listings.length], `dense-L-${i}`, random);
    // CPU time: on a shared machine a change's wall time is mostly waiting for a core.
    c = process.cpuUsage();
    solver.upsertListing(listing);
    used = process.cpuUsage(c);
    const listingMs = (used.user + used.system) / 1000;
    const template = m.requests[(i * 7) % m.requests.length];
    c = process.cpuUsage();
    solver.upsertRequest({ ...template, id: `dense-R-${i}` });
    used = process.cpuUsage(c);
    const requestMs = (used.user + used.system) / 1000;
    if (k < 0) continue;
    addListing.push(listingMs);
    addRequest.push(requestMs);
  }
  sample();
  clearInterval(timer);
  const outcome = fair.rationing!;
  return (
    `| ${size} x ${size} | ${routes} | ${ms(routesMs)} | ${mb(routesHeap)} | ${solver.candidateArcs} | ${ms(built)} | ${ms(full)} | ${ms(fullCpu)} | ` +
    `${result.allocations.length} | ${ms(fairMs)} (CPU ${ms(fairCpu)}) | ${outcome.deficit ? 'short' : 'not short'}, ${outcome.rationedRequests} rationed | ` +
    `${mb(peakRss - rssBefore)} | ${ms(quantile(addListing, 0.5))} / ${ms(quantile(addListing, 0.99))} | ` +
    `${ms(quantile(addRequest, 0.5))} / ${ms(quantile(addRequest, 0.99))} |`
  );
}

function printDense(): void {
  console.log(
    `\nOne dense commodity (${DENSE_COMMODITY} alone, listings = requests), ms; add = one listing or request upserted into the live market (engine only, CPU time, ${DENSE_CHANGES} each after a warm-up). Wall and CPU time differ by what other work took the cores.`,
  );
  const header =
    '| listings x requests | routes | routes ms | routes heap MB | arcs | build ms | build + result ms | build + result CPU ms | allocations | fair rationing ms | shortage | peak RSS MB (above start, routes apart) | add listing CPU p50 / p99 | add request CPU p50 / p99 |';
  console.log(header);
  console.log(
    `|${header
      .split('|')
      .slice(1, -1)
      .map(() => '---')
      .join('|')}|`,
  );
}

async function printLotSizeGap(): Promise<void> {
  const chili = loadCommodities().find((c) => c.code === 'cabai_merah_keriting') ?? commodities[0];
  await lotSizeGap(
    {
      network,
      data: networkData,
      commodity: chili,
      regions,
      sizes: LOT_SIZES,
      seeds: LOT_SEEDS,
      timeLimitS: LOT_TIME_LIMIT_S,
    },
    (line) => console.log(line),
  );
}

async function main(): Promise<void> {
  const started = performance.now();
  if (DENSE_ONLY) {
    console.log(
      `node ${process.version}, load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    printDense();
    for (const size of DENSE_SIZES) console.log(dense(size));
    console.log(
      `\nload average at the end ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(`bench took ${ms((performance.now() - started) / 1000)} s`);
    return;
  }
  if (LOT_ONLY) {
    await printLotSizeGap();
    console.log(`\nbench took ${ms((performance.now() - started) / 1000)} s`);
    return;
  }
  if (FAIR_ONLY) {
    printFairRationing();
    for (const size of FAIR_SIZES) console.log(await fairRationing(size));
    console.log(`\nbench took ${ms((performance.now() - started) / 1000)} s`);
    return;
  }
  console.log(
    `node ${process.version}, ${commodities.length} commodities, ${ADDITIONS} incremental additions per size`,
  );
  console.log(
    'Times in ms. full = all 20 commodities re-optimised incl. arc generation (median of runs; min-max; cold first run).',
  );
  console.log(
    'cold = first full solve on a new network version after RouteTable.prepare (route build, all commodities at once);',
  );
  console.log(
    'lazy cold = the same first solve with routes built on first use inside it (before #10). Requirement: cold / median <= 1.5x.',
  );
  console.log(
    `load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    'add = upsertListing into the live market (engine); +result = with the allocation materialised.',
  );
  console.log(
    'exact/greedy = solver alone on the same arcs; greedy ratio = greedy objective / optimum.\n',
  );
  const header =
    '| listings x requests | arcs | full median | full min-max | full cold | cold / median | lazy cold / median | route build (routes) | full CPU | peak RSS MB | live market MB | add p50 | add p99 | add+result p99 | exact only | greedy | exact/greedy time | greedy/optimum | MOQ rule cost | load 1 min |';
  console.log(header);
  console.log(
    `|${header
      .split('|')
      .slice(1, -1)
      .map(() => '---')
      .join('|')}|`,
  );
  for (const size of SIZES) {
    const row = measure(size);
    console.log(
      `| ${size} x ${size} | ${row.arcs} | ${ms(median(row.wall))} | ${ms(Math.min(...row.wall))}-${ms(Math.max(...row.wall))} | ` +
        `${ms(row.cold)} | ${(row.cold / median(row.wall)).toFixed(2)}x | ${(row.lazyCold / median(row.wall)).toFixed(2)}x | ` +
        `${ms(row.prepare)} (${row.routes}) | ${ms(median(row.cpu))} | ${mb(row.peakRss)} | ${mb(row.live)} | ` +
        `${ms(quantile(row.add, 0.5))} | ${ms(quantile(row.add, 0.99))} | ${ms(quantile(row.addWithResult, 0.99))} | ` +
        `${ms(row.exact)} | ${ms(row.greedy)} | ${(row.exact / row.greedy).toFixed(1)}x | ` +
        `${(row.greedyRatio * 100).toFixed(2)}% | ${(row.minOrderCost * 100).toFixed(3)}% | ${loadavg()[0].toFixed(1)} |`,
    );
    gc();
  }
  console.log('');
  if (process.argv.length <= 2) {
    for (const size of LP_SIZES) console.log(await lpGap(size));
    for (const size of MIP_SIZES) console.log(await mipGap(size));
    await printLotSizeGap();
    printFairRationing();
    for (const size of FAIR_SIZES) console.log(await fairRationing(size));
  }
  if (process.argv.length <= 2 || denseArg !== undefined) {
    printDense();
    for (const size of DENSE_SIZES) console.log(dense(size));
  }
  if (process.argv.includes('--mip')) {
    for (const size of MIP_SIZES) console.log(await mipGap(size));
  }
  console.log(`\nbench took ${ms((performance.now() - started) / 1000)} s`);
}

function printFairRationing(): void {
  console.log(
    '\nFair rationing on deficit markets (listings cut to a third), 20 commodities; gains in rupiah (real gain, no agreement).',
  );
  const header =
    '| listings x requests | short commodities | max-gain ms | fair ms | max-gain gain | fair gain | price of fairness | % | min fill max-gain | max-min (shares) | min fill fair | levels | shares missed | first level vs HiGHS MIP |';
  console.log(header);
  console.log(
    `|${header
      .split('|')
      .slice(1, -1)
      .map(() => '---')
      .join('|')}|`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
