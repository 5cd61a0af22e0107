import { DemandRequest } from '../../src/market/demand/demand-request.entity';
import { SupplyListing } from '../../src/market/supply/supply-listing.entity';
import { engineListing, engineRequest } from '../../src/matching/engine-inputs';
import { MarketRepository } from '../../src/matching/market.repository';
import { routeKey } from '../../src/matching/matching-run';
import { MatchingService } from '../../src/matching/matching.service';
import type { TransportLeg } from '../../src/logistics/logistics.types';
import { startApi, startWorker, TestApi } from '../support/app';
import { aRequest, postMalangBatamLot } from '../support/factories';
import { clearMarket } from '../support/market';

const GRADES = ['super', 'I', 'II'];

/**
 * A matching run reads its listings' and requests' timestamps as epoch milliseconds straight from
 * SQL (no Date per row); the why-not diagnostics map the entities' Dates. Both must give the
 * engine the same moments, to the millisecond, whatever PostgreSQL stored below it.
 */
describe('the market a run reads (integration)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('api');
    await clearMarket(api.dataSource);
  });
  afterAll(() => api.close());

  it('gives the engine the same listing and request as their entities, timestamps to the millisecond', async () => {
    const { buyer, listing, request: withoutWindow } = await postMalangBatamLot(api.http);
    const withWindow = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ deliverFrom: new Date(Date.now() + 86_400_000).toISOString() }))
        .expect(201)
    ).body as { id: string };
    // Microseconds, as PostgreSQL keeps them (.123656 s: a Date keeps 123 ms, rounding would give
    // 124), and the request's window end moved by .987654 s.
    await api.dataSource.query(
      `UPDATE supply_listings
          SET harvested_at = date_trunc('second', now()) - interval '1 day' + interval '0.123656 seconds'
        WHERE id = $1`,
      [listing.id],
    );
    await api.dataSource.query(
      `UPDATE demand_requests SET deliver_by = deliver_by + interval '0.987654 seconds'
        WHERE id = $1`,
      [withWindow.id],
    );

    const repo = new MarketRepository(api.dataSource.manager);
    const now = new Date();
    const [read] = await repo.openListings('cabai_merah_keriting', GRADES, new Map(), now);
    const entity = await api.dataSource
      .getRepository(SupplyListing)
      .findOneByOrFail({ id: listing.id });
    expect(read).toEqual(
      engineListing(entity, GRADES, await repo.organizationTrust(entity.organizationId)),
    );
    expect(read.harvestedAt % 1000).not.toBe(0); // the stored fraction of a second came through

    const requests = await repo.openRequests('cabai_merah_keriting', GRADES, new Map(), now);
    expect(requests.map((r) => r.id).sort()).toEqual([withWindow.id, withoutWindow.id].sort());
    for (const request of requests) {
      const stored = await api.dataSource
        .getRepository(DemandRequest)
        .findOneByOrFail({ id: request.id });
      expect(request).toEqual(
        engineRequest(stored, GRADES, await repo.organizationTrust(stored.organizationId)),
      );
    }
    expect(requests.find((r) => r.id === withoutWindow.id)?.deliverFrom).toBeNull();
    expect(requests.find((r) => r.id === withWindow.id)?.deliverFrom).toEqual(expect.any(Number));
  });

  it("reads each open proposal's route as the key the diff compares, legs in order", async () => {
    await clearMarket(api.dataSource);
    await postMalangBatamLot(api.http);
    // The worker may also take the posts' events: either run leaves the same proposals.
    const worker = await startWorker();
    try {
      await worker.get(MatchingService).reoptimize('cabai_merah_keriting');
    } finally {
      await worker.close();
    }
    const stored = await api.dataSource.query<{ id: string; route: TransportLeg[] }[]>(
      `SELECT id, route FROM matches WHERE status = 'proposed' ORDER BY id`,
    );
    const read = await new MarketRepository(api.dataSource.manager).liveProposals(
      'cabai_merah_keriting',
    );
    expect(read.map((p) => [p.id, p.routeKey])).toEqual(
      stored.map((m) => [m.id, routeKey(m.route)]),
    );
    expect(stored.length).toBeGreaterThan(0);
    // Malang to Batam goes by more than one leg: their order is part of the key.
    expect(stored.some((m) => m.route.length > 1)).toBe(true);
  });
});
