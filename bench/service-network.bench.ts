/**
 * The service network's cost to the matching run, against the model it replaced, in the same
 * process: `npx ts-node --transpile-only bench/service-network.bench.ts [size]` (default 10,000
 * listings x 10,000 requests over 20 commodities, the market of bench/matching.bench.ts).
 *
 * For each model: a COLD solve of every commodity on a freshly built network (route tables
 * computed on the way: what the first run after a network version change pays), then the median
 * of 3 WARM solves (route tables cached). The requirement is warm and cold within 1.5x of the
 * baseline measured here.
 */
import { generateMarket } from './market-generator';
import { LegacyTransportNetwork } from './baseline/legacy-transport-network';
import {
  loadCommodities,
  loadNetworkData,
  loadRegionRows,
} from '../src/logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../src/logistics/transport-network';
import { MarketSolver } from '../src/matching/engine/market-solver';

const size = Number(process.argv[2] ?? 10_000);
const data = loadNetworkData();
const market = generateMarket({
  size,
  commodities: loadCommodities().slice(0, 20),
  regions: loadRegionRows(),
  seed: 20260105 + size,
});

function run(network: TransportNetwork): { ms: number; arcs: number; objective: number } {
  const t = performance.now();
  let objective = 0;
  let arcs = 0;
  for (const m of market.markets) {
    const solver = MarketSolver.build({ ...m, network, now: market.now });
    const result = solver.result();
    objective += result.objective;
    arcs += result.stats.arcs;
  }
  return { ms: performance.now() - t, arcs, objective };
}

function measure(build: () => TransportNetwork) {
  const t = performance.now();
  const network = build();
  const buildMs = performance.now() - t;
  const cold = run(network);
  const warm = [run(network), run(network), run(network)].sort((a, b) => a.ms - b.ms)[1];
  return { buildMs, cold, warm };
}

// The legacy class has the same surface the engine uses (regionCount, regionIndex,
// optionsByIndex, data.modes); its optionsByIndex ignores the lot band.
const legacy = measure(() => LegacyTransportNetwork.fromData(data) as unknown as TransportNetwork);
const services = measure(() => TransportNetwork.fromData(data));

const f = (x: number) => x.toFixed(0).padStart(8);
process.stdout.write(
  `service network vs legacy model, ${size} x ${size} listings x requests, 20 commodities\n` +
    `model        build ms  cold ms  warm ms   arcs (cold)\n` +
    `legacy     ${f(legacy.buildMs)} ${f(legacy.cold.ms)} ${f(legacy.warm.ms)}   ${legacy.cold.arcs}\n` +
    `services   ${f(services.buildMs)} ${f(services.cold.ms)} ${f(services.warm.ms)}   ${services.cold.arcs}\n` +
    `ratio cold ${(services.cold.ms / legacy.cold.ms).toFixed(2)}x, warm ${(services.warm.ms / legacy.warm.ms).toFixed(2)}x (limit 1.5x)\n`,
);
