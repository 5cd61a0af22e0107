/**
 * A single change applied to a live one-commodity market against a full rebuild of the same
 * market, in the same command (the machine is shared and noisy: only the ratio means something,
 * next to the load average printed with it). `npx ts-node --transpile-only bench/live-market.bench.ts [size]`
 * (default 5,000 listings x 5,000 requests of curly red chili).
 *
 * - rebuild: `MarketSolver.build` + `prepareForChanges` of the whole market (what a new owner, a
 *   new network version or the old path per event pays), twice: before and after the changes;
 * - single change: one upsert or remove on the running solver (the new owner path), over a mix of
 *   new requests, new listings, edited requests and withdrawals;
 * - live sync: `LiveMarket.sync` of a snapshot with one change, as a run does it (diffing every
 *   listing and request of the snapshot against what the live market saw, then the change).
 * After the changes the live exact optimum (`objective()`) is checked against the second (fresh)
 * build's; the objectives after each one's rounding trim are printed beside it (tied optima may
 * trim differently: see MarketSolver).
 */
import { loadavg } from 'node:os';
import {
  loadCommodities,
  loadNetworkData,
  loadRegionRows,
} from '../src/logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../src/logistics/transport-network';
import type { EngineListing, EngineRequest } from '../src/matching/engine';
import { MarketSolver } from '../src/matching/engine/market-solver';
import { LiveMarket } from '../src/matching/live/live-market';
import { snapshotOf } from '../src/matching/live/testing/snapshots';
import type { MarketSnapshot } from '../src/matching/matching-run';
import { extraListing, generateMarket, seededRandom } from './market-generator';

const SIZE = Number(process.argv[2]) || 5_000;
const CHANGES = 200;
const COMMODITY = 'cabai_merah_keriting';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const ms = (x: number) => x.toFixed(2);
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};

const network = TransportNetwork.fromData(loadNetworkData());
const commodity = loadCommodities().filter((c) => c.code === COMMODITY);
const regions = loadRegionRows();
const loadAtStart = load();
const [market] = generateMarket({ size: SIZE, commodities: commodity, regions, seed: 15 }).markets;
const now = Date.UTC(2026, 0, 5, 0, 0, 0);
// New requests come from a second market of the same commodity.
const [more] = generateMarket({ size: SIZE, commodities: commodity, regions, seed: 16 }).markets;

function timedBuild(listings: readonly EngineListing[], requests: readonly EngineRequest[]) {
  const started = performance.now();
  const solver = MarketSolver.build({ ...market, listings, requests, network, now });
  solver.prepareForChanges();
  return { solver, ms: performance.now() - started };
}

const first = timedBuild(market.listings, market.requests);
const solver = first.solver;
const listings = new Map(market.listings.map((l) => [l.id, l]));
const requests = new Map(market.requests.map((r) => [r.id, r]));
const random = seededRandom(2026);
const changeMs: number[] = [];
for (let k = 0; k < CHANGES; k++) {
  const roll = random();
  const started = performance.now();
  if (roll < 0.35) {
    const request = { ...more.requests[k], id: `R-new-${k}` };
    requests.set(request.id, request);
    solver.upsertRequest(request);
  } else if (roll < 0.55) {
    const listing = extraListing(market, market.listings[k], `L-new-${k}`, random);
    listings.set(listing.id, listing);
    solver.upsertListing(listing);
  } else if (roll < 0.75) {
    const request = market.requests[(k * 7919) % market.requests.length];
    const edited = { ...request, remainingQuantity: Math.max(10, request.remainingQuantity - 100) };
    requests.set(edited.id, edited);
    solver.upsertRequest(edited);
  } else if (roll < 0.9) {
    const id = market.requests[(k * 104729) % market.requests.length].id;
    requests.delete(id);
    solver.removeRequest(id);
  } else {
    const id = market.listings[(k * 15485863) % market.listings.length].id;
    listings.delete(id);
    solver.removeListing(id);
  }
  changeMs.push(performance.now() - started);
}
const liveObjective = solver.objective();
const liveTrimmed = solver.result().objective;
const second = timedBuild([...listings.values()], [...requests.values()]);
const freshObjective = second.solver.objective();
const freshTrimmed = second.solver.result().objective;

// The run's path: a snapshot of the whole market with one change, diffed into a LiveMarket.
const snapshotOfBench = (ls: EngineListing[], rs: EngineRequest[]): MarketSnapshot => ({
  ...snapshotOf({ listings: ls, requests: rs }),
  shelfLife: market.shelfLife,
  networkVersion: 'bench',
  now: new Date(now),
});
let ls = [...listings.values()];
let rs = [...requests.values()];
const live = LiveMarket.build(snapshotOfBench(ls, rs), network, 1);
const syncMs: number[] = [];
for (let k = 0; k < 20; k++) {
  rs = [...rs, { ...more.requests[CHANGES + k], id: `R-sync-${k}` }];
  ls = ls.map((l, i) => (i === k ? { ...l, remainingQuantity: l.remainingQuantity + 10 } : l));
  const started = performance.now();
  const outcome = live.sync(snapshotOfBench(ls, rs), network);
  syncMs.push(performance.now() - started);
  if (outcome.rebuilt) throw new Error('a two-row change rebuilt the live market');
}

const rebuildMs = (first.ms + second.ms) / 2;
const p50 = quantile(changeMs, 0.5);
const syncP50 = quantile(syncMs, 0.5);
const lines = [
  `bench:live-market, one commodity (${COMMODITY}), ${SIZE} listings x ${SIZE} requests`,
  `load average at start ${loadAtStart}, at end ${load()}`,
  `full rebuild (build + prepareForChanges), mean of 2: ${ms(rebuildMs)} ms (${ms(first.ms)}, ${ms(second.ms)})`,
  `single change on the live solver, ${CHANGES} changes: p50 ${ms(p50)} ms, p95 ${ms(quantile(changeMs, 0.95))} ms, max ${ms(Math.max(...changeMs))} ms`,
  `  rebuild / single change (p50): ${(rebuildMs / p50).toFixed(0)}x`,
  `LiveMarket.sync of a whole snapshot with two rows changed, 20 syncs: p50 ${ms(syncP50)} ms, p95 ${ms(quantile(syncMs, 0.95))} ms`,
  `  rebuild / live sync (p50): ${(rebuildMs / syncP50).toFixed(0)}x`,
  `exact optimum after the changes: live ${liveObjective} = fresh build ${freshObjective}: ${liveObjective === freshObjective ? 'yes' : 'NO'}`,
  `after each one's shipped-unit rounding trim (tied optima trim differently): live ${liveTrimmed}, fresh ${freshTrimmed} (${(((freshTrimmed - liveTrimmed) / freshObjective) * 100).toFixed(3)} % apart)`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (liveObjective !== freshObjective) process.exitCode = 1;
