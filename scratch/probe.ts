import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source.options';
import { loadCommodities } from '../src/logistics/testing/reference-csv.loader';
import { solveRationedWithShares } from '../src/matching/engine';
import { networkFor } from '../src/matching/engine/solve-plain';
import { MarketRepository } from '../src/matching/market.repository';
import { TransportNetworkProvider } from '../src/reference/transport-network.provider';
async function main() {
  const ds = new DataSource({ ...dataSourceOptions({ databaseUrl: process.env.DATABASE_URL! }), migrationsRun: false } as any);
  await ds.initialize();
  const code = 'cabai_merah_keriting';
  const commodity = loadCommodities().find((c) => c.code === code)!;
  const repo = new MarketRepository(ds.manager);
  const now = new Date();
  const listings = await repo.openListings(code, commodity.grades, new Map(), now);
  const requests = await repo.openRequests(code, commodity.grades, new Map(), now);
  console.log(JSON.stringify({ listings, requests }, null, 1).slice(0, 3000));
  const { data, version } = await new TransportNetworkProvider(ds).get();
  const [{ category }] = await ds.query(`SELECT category FROM commodities WHERE code = $1`, [code]);
  for (const rationing of ['fair', 'max-gain'] as const) {
    const market = { commodityCode: code, shelfLife: { shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient, shelfLifeDaysCold: commodity.shelfLifeDaysCold, category, grades: commodity.grades }, listings, requests, rationing };
    const network = networkFor({ network: data, networkVersion: version, markets: [market] });
    const r = solveRationedWithShares(market, { network, now: now.getTime() }, []);
    console.log(rationing, r.result.allocations.length, JSON.stringify(r.result.rationing), r.result.stats);
  }
  await ds.destroy();
}
if (!process.env.WHY) main();
import { evaluatePair } from '../src/matching/engine/feasibility';
import { TransportNetwork } from '../src/logistics/transport-network';
async function why() {
  const ds = new DataSource({ ...dataSourceOptions({ databaseUrl: process.env.DATABASE_URL! }), migrationsRun: false } as any);
  await ds.initialize();
  const code = 'cabai_merah_keriting';
  const commodity = loadCommodities().find((c) => c.code === code)!;
  const repo = new MarketRepository(ds.manager);
  const { data } = await new TransportNetworkProvider(ds).get();
  const network = TransportNetwork.fromData(data);
  const [{ category }] = await ds.query(`SELECT category FROM commodities WHERE code = $1`, [code]);
  for (const hours of [-3, -1, 0, 6, 24, 48, 72, 96, 120, 144]) {
    const now = new Date(Date.now() + hours * 3600e3);
    const listings = await repo.openListings(code, commodity.grades, new Map(), new Date());
    const requests = await repo.openRequests(code, commodity.grades, new Map(), new Date());
    const e = evaluatePair(listings[0], requests[0], { shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient, shelfLifeDaysCold: commodity.shelfLifeDaysCold, category, grades: commodity.grades } as any, { network, now: now.getTime() } as any);
    console.log(hours, now.toISOString(), e.feasible ? 'feasible ' + (e as any).arc.shelfLifeDaysOnArrival + ' ' + (e as any).arc.transportLabel : JSON.stringify((e as any).reason ?? e).slice(0, 300));
  }
  await ds.destroy();
}
if (process.env.WHY) why(); 
