import { loadNetworkData } from '../../logistics/testing/reference-csv.loader';
import { TransportNetwork } from '../../logistics/transport-network';
import { MarketSolver } from './market-solver';
import { RouteTable } from './route-table';
import { CHILI, NOW } from './testing/market.factory';
import { randomMarket, seededRandom } from './testing/random-market';

describe('RouteTable.prepare (routes built once per network version, before the solves)', () => {
  const data = loadNetworkData();
  const random = seededRandom(20261130);
  // Two commodities over the same regions: their pairs are built once for both.
  const markets = ['cabai_merah_keriting', 'bawang_merah'].map((code) => ({
    commodityCode: code,
    shelfLife: CHILI,
    category: CHILI.category,
    ...randomMarket(random, code, { maxSide: 12 }),
  }));

  it('builds every route the solves ask for, so that they build none', () => {
    const network = TransportNetwork.fromData(data);
    const prepared = RouteTable.prepare(network, markets);
    const table = RouteTable.of(network, CHILI.category);
    expect(prepared).toBeGreaterThan(0);
    expect(table.built).toBe(prepared);
    for (const market of markets) MarketSolver.build({ ...market, network, now: NOW }).result();
    expect(table.built).toBe(prepared);
    // A second prepare of the same version finds everything built.
    RouteTable.prepare(network, markets);
    expect(table.built).toBe(prepared);
  });

  it('builds no more than the lazy solves would have', () => {
    const lazy = TransportNetwork.fromData(data);
    for (const market of markets)
      MarketSolver.build({ ...market, network: lazy, now: NOW }).result();
    const eager = TransportNetwork.fromData(data);
    expect(RouteTable.prepare(eager, markets)).toBe(RouteTable.of(lazy, CHILI.category).built);
  });

  it('gives the same allocations as routes built on first use', () => {
    const lazy = TransportNetwork.fromData(data);
    const eager = TransportNetwork.fromData(data);
    RouteTable.prepare(eager, markets);
    for (const market of markets) {
      const a = MarketSolver.build({ ...market, network: lazy, now: NOW }).result();
      const b = MarketSolver.build({ ...market, network: eager, now: NOW }).result();
      expect(b.allocations).toEqual(a.allocations);
      expect(b.objective).toBe(a.objective);
    }
  });
});
