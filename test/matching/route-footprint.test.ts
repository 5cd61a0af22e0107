import { MarketRepository } from '../../src/matching/market.repository';
import { MatchingEngineRunner } from '../../src/matching/matching-engine.runner';
import { TransportNetworkProvider } from '../../src/reference/transport-network.provider';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';

describe('route table prepared from the open market (integration)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'bawang_merah', originRegionCode: '33.29', quantity: 800 }))
      .expect(201);
    await api.http.post('/api/v1/demand-requests').set(batam.auth).send(aRequest()).expect(201);
  });
  afterAll(() => api.close());

  it('reads where each commodity’s open goods are and go, for all commodities at once', async () => {
    const footprint = await new MarketRepository(api.dataSource.manager).routeFootprint(new Date());
    expect(footprint.get('cabai_merah_keriting')).toEqual({
      listings: [{ originRegionCode: '35.07', remainingQuantity: 5000 }],
      requests: [{ destinationRegionCode: '21.71', remainingQuantity: 3000 }],
    });
    // Bawang merah has supply but no demand: nothing to route for it.
    expect(footprint.get('bawang_merah')).toEqual({
      listings: [{ originRegionCode: '33.29', remainingQuantity: 800 }],
      requests: [],
    });
  });

  it('builds the routes of a new network version once, before the runs', async () => {
    const { data } = await api.app.get(TransportNetworkProvider).get();
    const footprint = await new MarketRepository(api.dataSource.manager).routeFootprint(new Date());
    const runner = api.app.get(MatchingEngineRunner);
    const prepare = {
      network: data,
      networkVersion: `route-footprint-${Date.now()}`,
      markets: [...footprint.values()],
    };
    // Malang to Batam at the 3 t band: one route.
    expect(await runner.prepare(prepare)).toBe(1);
    expect(await runner.prepare(prepare)).toBe(0);
  });
});
