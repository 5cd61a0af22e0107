import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ExpiryService } from '../../src/matching/expiry.service';
import { MatchingService } from '../../src/matching/matching.service';
import { QUEUES } from '../../src/queue/job-catalog';
import { startApi, startWorker, TestApi } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';

describe('expiry (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
  });
  afterAll(() => api.close());

  it('schedules the expiry job on real Redis, once however many workers start', async () => {
    const queue = api.app.get<Queue>(getQueueToken(QUEUES.maintenance));
    // The API (role all) already registered it; two more workers start and register it too.
    const workers = [await startWorker(), await startWorker()];
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(['expire-market-every-minute']);
      expect(schedulers[0]).toMatchObject({ name: 'expire-market', every: 60000 });
      // One scheduler means at most one next run waiting, not one per worker (zero only in the
      // instant a run is being promoted).
      const delayed = (await queue.getDelayed()).filter((job) => job.name === 'expire-market');
      expect(delayed.length).toBeLessThanOrEqual(1);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('expires a listing whose window closed and a proposal nobody answered, with their events', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ commodityCode: 'bawang_putih_bonggol', grade: 'I', pricePerUnit: 20000 }))
        .expect(201)
    ).body;
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(
          aRequest({
            commodityCode: 'bawang_putih_bonggol',
            minGrade: 'II',
            maxPricePerUnit: 50000,
          }),
        )
        .expect(201)
    ).body;
    await api.app.get(MatchingService).reoptimize('bawang_putih_bonggol');
    const [match] = (
      await api.http.get(`/api/v1/matches?supplyListingId=${listing.id}`).set(coop.auth).expect(200)
    ).body.items;
    expect(match.status).toBe('proposed');

    // Time passes: the proposal's deadline and then the listing's window are behind us.
    await api.dataSource.query(
      `UPDATE matches SET expires_at = now() - interval '1 second' WHERE id = $1`,
      [match.id],
    );
    const first = await api.app.get(ExpiryService).expireDue();
    expect(first).toMatchObject({ proposals: 1 });
    expect(
      (await api.http.get(`/api/v1/matches/${match.id}`).set(buyer.auth).expect(200)).body.status,
    ).toBe('expired');

    await api.dataSource.query(
      `UPDATE supply_listings SET available_from = now() - interval '2 days',
              available_until = now() - interval '1 second' WHERE id = $1`,
      [listing.id],
    );
    const second = await api.app.get(ExpiryService).expireDue();
    expect(second).toMatchObject({ listings: 1 });
    expect(
      (await api.http.get(`/api/v1/supply-listings/${listing.id}`).set(coop.auth).expect(200)).body
        .status,
    ).toBe('expired');
    const events = await api.dataSource.query(
      `SELECT type FROM outbox_events WHERE aggregate_id = ANY($1) ORDER BY created_at`,
      [[listing.id, match.id]],
    );
    expect(events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['match.expired', 'supply_listing.expired']),
    );
    // Nothing left to expire: a second pass changes nothing.
    expect(await api.app.get(ExpiryService).expireDue()).toEqual({
      listings: 0,
      requests: 0,
      proposals: 0,
    });
    // The request had nothing due: still open, read back after the expiry passes.
    expect(
      (await api.http.get(`/api/v1/demand-requests/${request.id}`).set(buyer.auth).expect(200)).body
        .status,
    ).toBe('open');
  });
});
