/**
 * What a live market's rebuild costs in memory: `npx ts-node --transpile-only
 * bench/live-rebuild-memory.bench.ts [size] [--rationing fair|max-gain]` (default 10,000 listings
 * x 10,000 requests of curly red chili, `max-gain`). Builds the live market as a new owner does
 * (LiveMarket.build), then syncs it with the same market older than LIVE_MARKET_MAX_AGE_MS,
 * which rebuilds it (as a new exclusion, agreement or network version would), and prints the
 * process's RSS and peak RSS (VmHWM) after each. The peak is what decides whether a worker fits its memory: a rebuild that
 * built the new solver while the old one was still held peaked at both at once. Compare builds by
 * running this file in each checkout, one after the other.
 */
import { readFileSync } from 'node:fs';
import {
  loadCommodities,
  loadNetworkData,
  loadRegionRows,
} from '../src/logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../src/logistics/transport-network';
import { LIVE_MARKET_MAX_AGE_MS, LiveMarket } from '../src/matching/live/live-market';
import { snapshotOf } from '../src/matching/live/testing/snapshots';
import type { MarketSnapshot } from '../src/matching/matching-run';
import { generateMarket } from './market-generator';

const SIZE = Number(process.argv[2]) || 10_000;
const rationingAt = process.argv.indexOf('--rationing');
const RATIONING = rationingAt > 0 ? process.argv[rationingAt + 1] : 'max-gain';
if (RATIONING !== 'fair' && RATIONING !== 'max-gain') throw new Error('--rationing fair|max-gain');
const COMMODITY = 'cabai_merah_keriting';

const mb = (kb: number) => Math.round(kb / 1024);
function memory(): string {
  const status = readFileSync('/proc/self/status', 'utf8');
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)![1]);
  return `RSS ${mb(field('VmRSS'))} MB, peak ${mb(field('VmHWM'))} MB`;
}

const network = TransportNetwork.fromData(loadNetworkData());
const chili = loadCommodities().find((c) => c.code === COMMODITY)!;
const [market] = generateMarket({
  size: SIZE,
  commodities: [chili],
  regions: loadRegionRows(),
  seed: 20261130 + SIZE,
}).markets;
const snapshot: MarketSnapshot = {
  ...snapshotOf({ listings: [...market.listings], requests: [...market.requests] }),
  shelfLife: market.shelfLife,
  networkVersion: 'bench',
  rationing: RATIONING,
  now: new Date(Date.UTC(2026, 0, 5)),
};

console.log(`${SIZE} x ${SIZE} ${COMMODITY}, ${RATIONING}; before: ${memory()}`);
let started = performance.now();
const live = LiveMarket.build(snapshot, network, 1);
console.log(`built in ${Math.round(performance.now() - started)} ms: ${memory()}`);
started = performance.now();
const aged = { ...snapshot, now: new Date(snapshot.now.getTime() + LIVE_MARKET_MAX_AGE_MS + 1) };
const { rebuilt } = live.sync(aged, network);
if (!rebuilt) throw new Error('the aged sync did not rebuild');
console.log(`rebuilt in ${Math.round(performance.now() - started)} ms: ${memory()}`);
