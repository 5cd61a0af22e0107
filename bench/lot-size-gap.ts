import { loadavg } from 'node:os';
import type { CommodityRow } from '../src/logistics/testing/reference-csv.loader';
import type { TransportNetworkData } from '../src/logistics/logistics.types';
import { LOT_BANDS_KG, type TransportNetwork } from '../src/logistics/transport-network';
import { MarketSolver } from '../src/matching/engine/market-solver';
import {
  chooseOption,
  listingFacts,
  newOptionChoice,
  PAIR_OK,
  shelfModel,
} from '../src/matching/engine/pair-rules';
import { RouteTable } from '../src/matching/engine/route-table';
import {
  gainUnderLotCost,
  lotCost,
  lotCostOptimum,
  lotCostPartsOf,
  type LotCostArc,
} from '../src/matching/engine/testing/lot-cost-mip';
import { generateMarket, type RegionRow } from './market-generator';

/**
 * The engine's lot-size approximation against the exact optimum (issue #10, point 3).
 *
 * One commodity, markets of n listings x n requests (bench/market-generator.ts, minimum orders
 * off so that only freight differs from the plain transportation problem). The engine solves as
 * in production: linear cost per kg on each arc, at the lot band of the listing's whole
 * remaining quantity. Each candidate arc is then priced exactly per shipment on the route the
 * engine chose for it (lotCostPartsOf: truck classes, ferry fares, sea and air rows, hub
 * handling), and HiGHS solves the market as a MIP under that freight (lot-cost-mip.ts). Printed:
 * gap = (MIP optimum - engine allocation's gain under the same freight) / MIP optimum, per size
 * min / median / max over the seeds, and how far the engine's own objective overstates its gain.
 *
 * Not in the MIP: re-routing a smaller shipment (the route per arc is the engine's), and
 * consolidating several arcs' shipments into one truck or container (each arc ships alone).
 */
export interface LotSizeGapOptions {
  network: TransportNetwork;
  data: TransportNetworkData;
  commodity: CommodityRow;
  regions: readonly RegionRow[];
  sizes: readonly number[];
  seeds: number;
  timeLimitS: number;
}

interface Sample {
  arcs: number;
  gap: number;
  optimism: number;
  optimal: boolean;
  mipMs: number;
  /** Rebuilt freight / network freight at each arc's lot band (how faithful the pricing is). */
  rebuiltMin: number;
  rebuiltMax: number;
}

async function sample(options: LotSizeGapOptions, size: number, seed: number): Promise<Sample> {
  const { network, data } = options;
  const market = generateMarket({
    size,
    commodities: [options.commodity],
    regions: options.regions,
    seed,
  });
  const m = market.markets[0];
  const listings = m.listings.map((l) => ({ ...l, minOrderQuantity: 0 }));
  const solver = MarketSolver.build({ ...m, listings, network, now: market.now });
  const result = solver.result();
  const p = solver.pairs.problem;
  const ids = solver.pairs;
  const routes = RouteTable.of(network);
  const shelf = shelfModel(m.shelfLife);
  const listingById = new Map(listings.map((l) => [l.id, l]));
  const requestById = new Map(m.requests.map((r) => [r.id, r]));
  const choice = newOptionChoice();
  const arcs: LotCostArc[] = [];
  const arcOf = new Map<string, number>();
  let rebuiltMin = Infinity;
  let rebuiltMax = 0;
  for (let a = 0; a < p.arcCount; a++) {
    const listing = listingById.get(ids.listings[p.arcFrom[a]])!;
    const request = requestById.get(ids.requests[p.arcTo[a]])!;
    const facts = listingFacts(listing, market.now, routes);
    const route = routes.route(
      facts.originIndex,
      routes.regionIndex(request.destinationRegionCode),
      facts.lotBand,
    );
    if (chooseOption(facts, request, route, shelf, choice) !== PAIR_OK) {
      throw new Error(`${listing.id}-${request.id}: the engine's arc has no feasible option`);
    }
    const gain = request.maxPricePerUnit - choice.landed;
    if (gain !== p.arcGain[a]) throw new Error(`${listing.id}-${request.id}: gain differs`);
    const option = route.options[choice.option];
    const parts = lotCostPartsOf(option, data);
    const bandKg = LOT_BANDS_KG[facts.lotBand];
    const ratio = lotCost(parts, bandKg) / (option.costPerUnit * bandKg);
    rebuiltMin = Math.min(rebuiltMin, ratio);
    rebuiltMax = Math.max(rebuiltMax, ratio);
    arcOf.set(`${listing.id}|${request.id}`, arcs.length);
    // The engine's gain is value - cost per kg at the lot band: value is what freight must beat.
    arcs.push({
      from: p.arcFrom[a],
      to: p.arcTo[a],
      valuePerUnit: gain + route.costPerUnit[choice.option],
      parts,
    });
  }
  const flow = arcs.map(() => 0);
  for (const allocation of result.allocations) {
    const a = arcOf.get(`${allocation.listingId}|${allocation.requestId}`);
    if (a === undefined) throw new Error('an allocation outside the candidate arcs');
    flow[a] += allocation.quantity;
  }
  const engineTrue = gainUnderLotCost(arcs, flow);
  const t = performance.now();
  const exact = await lotCostOptimum(
    Array.from(p.supply),
    Array.from(p.demand),
    arcs,
    options.timeLimitS,
  );
  const mipMs = performance.now() - t;
  return {
    arcs: arcs.length,
    gap: exact.objective > 0 ? (exact.objective - engineTrue) / exact.objective : 0,
    optimism: engineTrue > 0 ? (result.objective - engineTrue) / engineTrue : 0,
    optimal: exact.status === 'Optimal',
    mipMs,
    rebuiltMin,
    rebuiltMax,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Prints the table row by row (a size's row once its seeds are done). */
export async function lotSizeGap(
  options: LotSizeGapOptions,
  print: (line: string) => void,
): Promise<void> {
  const lines = [
    `\nLot-size gap (#10): engine (linear freight at the listing's lot band) vs exact MIP with per-shipment freight (HiGHS, ${options.timeLimitS} s limit), ` +
      `one commodity (${options.commodity.code}), minimum orders off, ${options.seeds} seeds per size. ` +
      'gap = (MIP - engine allocation under the same freight) / MIP; optimism = (engine objective - its gain under that freight) / that gain.',
    '| listings x requests | seeds | arcs (median) | MIPs proven optimal | gap min | gap median | gap max | engine optimism median | MIP ms median | rebuilt / network freight at the band | load 1 min |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const line of lines) print(line);
  for (const size of options.sizes) {
    const samples: Sample[] = [];
    for (let s = 0; s < options.seeds; s++) {
      const one = await sample(options, size, 20261130 + 1000 * size + s);
      if (process.env.LOT_GAP_VERBOSE) print(`  ${size} seed ${s}: ${JSON.stringify(one)}`);
      samples.push(one);
    }
    const gaps = sorted(samples.map((x) => x.gap));
    const mid = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
    print(
      `| ${size} x ${size} | ${samples.length} | ${mid(samples.map((x) => x.arcs))} | ` +
        `${samples.filter((x) => x.optimal).length}/${samples.length} | ${pct(gaps[0])} | ` +
        `${pct(mid(gaps))} | ${pct(gaps[gaps.length - 1])} | ${pct(mid(samples.map((x) => x.optimism)))} | ` +
        `${mid(samples.map((x) => x.mipMs)).toFixed(0)} | ` +
        `${Math.min(...samples.map((x) => x.rebuiltMin)).toFixed(3)}-${Math.max(...samples.map((x) => x.rebuiltMax)).toFixed(3)} | ` +
        `${loadavg()[0].toFixed(1)} |`,
    );
  }
}
