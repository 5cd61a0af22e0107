import { MarketRepository } from '../../src/matching/market.repository';
import { MatchingEngineRunner } from '../../src/matching/matching-engine.runner';
import { TransportNetworkProvider } from '../../src/reference/transport-network.provider';
import { MatchingService } from '../../src/matching/matching.service';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
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
      openRequests: 1,
    });
    // Bawang merah has supply but no demand: nothing to route for it.
    expect(footprint.get('bawang_merah')).toEqual({
      listings: [{ originRegionCode: '33.29', remainingQuantity: 800 }],
      requests: [],
      openRequests: 0,
    });
  });

  it.each([
    ['prepares every market on the engine thread', '250000', ['33.29', '35.07']],
    // Chili's 1 x 1 pairs are above 0: its live market answers it, with routes of its own.
    ['leaves a market its live market answers to that live market', '0', ['33.29']],
  ])('%s (LIVE_ANSWER_ABOVE_PAIRS=%s)', async (_what, above, origins) => {
    const prepare = jest.spyOn(MatchingEngineRunner.prototype, 'prepare');
    const worker = await withEnv({ LIVE_ANSWER_ABOVE_PAIRS: above }, () => startWorker());
    try {
      await worker.get(MatchingService).reoptimize('cabai_merah_keriting');
      const runner = worker.get(MatchingEngineRunner);
      // Once per network version and process: the worker's own first run, or the one above.
      const calls = prepare.mock.calls.filter((_, k) => prepare.mock.contexts[k] === runner);
      expect(calls).toHaveLength(1);
      const prepared = calls[0][0].markets.flatMap((m) =>
        m.listings.map((l) => l.originRegionCode),
      );
      expect(prepared.sort()).toEqual(origins);
    } finally {
      prepare.mockRestore();
      await worker.close();
    }
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
