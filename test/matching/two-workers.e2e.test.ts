import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { loadConfig } from '../../src/config/app-config';
import { MatchingService } from '../../src/matching/matching.service';
import { QUEUES } from '../../src/queue/job-catalog';
import { redisOptionsFromUrl } from '../../src/queue/redis-connection';
import { startApi, startWorker, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { spawnWorker, stopWorker } from '../support/worker-process';
import { waitFor } from '../support/wait';

const COMMODITY = 'cabai_merah_besar';

describe('matching across two worker processes', () => {
  let api: TestApi;
  let workers: ChildProcess[] = [];
  let matchingQueue: Queue;
  let eventsQueue: Queue;
  let marketEventsQueue: Queue;

  beforeAll(async () => {
    api = await startApi('api');
    await clearMarket(api.dataSource);
    const config = loadConfig();
    const connection = redisOptionsFromUrl(config.redisUrl);
    matchingQueue = new Queue(QUEUES.matching, { connection, prefix: config.redisPrefix });
    eventsQueue = new Queue(QUEUES.events, { connection, prefix: config.redisPrefix });
    marketEventsQueue = new Queue(QUEUES.marketEvents, { connection, prefix: config.redisPrefix });
    workers = [spawnWorker(), spawnWorker()];
    // Two ts-node processes booting on a shared, loaded 2-core machine can take over a minute.
    await waitFor(async () => (await matchingQueue.getWorkersCount()) >= 2, {
      timeoutMs: 150_000,
      what: 'two worker processes to connect',
    });
  }, 180_000);

  afterAll(async () => {
    await Promise.all(workers.map((w) => stopWorker(w)));
    await matchingQueue.close();
    await eventsQueue.close();
    await marketEventsQueue.close();
    await api.close();
  });

  it('proposes no duplicated or conflicting matches for one commodity under a burst of writes', async () => {
    const sellers: Party[] = [];
    const buyers: Party[] = [];
    for (let i = 0; i < 4; i++) {
      sellers.push(
        await registerParty(api.http, {
          type: 'cooperative',
          regionCode: ['35.07', '35.09', '33.29', '32.05'][i],
        }),
      );
      buyers.push(
        await registerParty(api.http, {
          type: 'procurement',
          regionCode: ['21.71', '31.71', '12.75', '64.72'][i],
        }),
      );
    }
    // Interleaved, concurrent writes: each lands on whichever worker picks its events up.
    const writes: Promise<unknown>[] = [];
    for (let i = 0; i < 24; i++) {
      const seller = sellers[i % sellers.length];
      const buyer = buyers[i % buyers.length];
      writes.push(
        api.http
          .post('/api/v1/supply-listings')
          .set(seller.auth)
          .send(
            aListing({
              commodityCode: COMMODITY,
              grade: ['super', 'I', 'II'][i % 3],
              quantity: 500 + 137 * i,
              minOrderQuantity: i % 4 === 0 ? 300 : undefined,
              pricePerUnit: 25000 + 700 * i,
              originRegionCode: seller.organization.regionCode,
              availableUntil: daysFromNow(4 + (i % 5)),
            }),
          )
          .expect(201),
        api.http
          .post('/api/v1/demand-requests')
          .set(buyer.auth)
          .send(
            aRequest({
              commodityCode: COMMODITY,
              minGrade: ['I', 'II'][i % 2],
              quantity: 400 + 211 * i,
              maxPricePerUnit: 45000 + 900 * i,
              destinationRegionCode: buyer.organization.regionCode,
              deliverBy: daysFromNow(6 + (i % 6)),
            }),
          )
          .expect(201),
      );
    }
    await Promise.all(writes);

    // Quiescence: every event relayed and every job of both queues finished, twice in a row.
    let quietChecks = 0;
    await waitFor(
      async () => {
        const [{ pending }] = await api.dataSource.query(
          `SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL`,
        );
        const busy =
          (await matchingQueue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) +
          (await eventsQueue.getJobCountByTypes('waiting', 'active', 'delayed', 'prioritized')) +
          (await marketEventsQueue.getJobCountByTypes(
            'waiting',
            'active',
            'delayed',
            'prioritized',
          ));
        quietChecks = pending === 0 && busy === 0 ? quietChecks + 1 : 0;
        return quietChecks >= 3;
      },
      { timeoutMs: 60_000, intervalMs: 200, what: 'the queues to go quiet' },
    );
    expect(await matchingQueue.getJobCountByTypes('failed')).toBe(0);

    // No pair has two open proposals, and no listing or request is proposed beyond what remains
    // (listings count shipped units, requests delivered units).
    const duplicates = await api.dataSource.query(
      `SELECT supply_listing_id, demand_request_id FROM matches
        WHERE commodity_code = $1 AND status = 'proposed'
        GROUP BY 1, 2 HAVING count(*) > 1`,
      [COMMODITY],
    );
    expect(duplicates).toEqual([]);
    const overListings = await api.dataSource.query(
      `SELECT l.id FROM supply_listings l JOIN matches m ON m.supply_listing_id = l.id AND m.status = 'proposed'
        WHERE l.commodity_code = $1 GROUP BY l.id, l.remaining_quantity HAVING sum(m.quantity) > l.remaining_quantity`,
      [COMMODITY],
    );
    const overRequests = await api.dataSource.query(
      `SELECT r.id FROM demand_requests r JOIN matches m ON m.demand_request_id = r.id AND m.status = 'proposed'
        WHERE r.commodity_code = $1 GROUP BY r.id, r.remaining_quantity HAVING sum(m.quantity_delivered) > r.remaining_quantity`,
      [COMMODITY],
    );
    expect(overListings).toEqual([]);
    expect(overRequests).toEqual([]);
    const [{ proposed }] = await api.dataSource.query(
      `SELECT count(*)::int AS proposed FROM matches WHERE commodity_code = $1 AND status = 'proposed'`,
      [COMMODITY],
    );
    expect(proposed).toBeGreaterThan(0);

    // What the two workers left is the optimum: a fresh run finds nothing to change.
    await Promise.all(workers.map((w) => stopWorker(w)));
    const openProposals = () =>
      api.dataSource.query(
        `SELECT supply_listing_id AS listing, demand_request_id AS request, quantity_delivered AS delivered,
                created_at AS "createdAt"
           FROM matches WHERE commodity_code = $1 AND status = 'proposed' ORDER BY 1, 2`,
        [COMMODITY],
      );
    const before: { listing: string; request: string; delivered: number }[] = await openProposals();
    const verifier = await startWorker();
    try {
      const summary = await verifier.get(MatchingService).reoptimize(COMMODITY);
      if (summary?.proposed !== 0 || summary.superseded !== 0) {
        // This has failed now and then in full runs only (never alone): what changed, and how long
        // after the workers' last run, is what the next failure must tell.
        const after: typeof before = await openProposals();
        const key = (p: (typeof before)[number]) => `${p.listing}|${p.request}|${p.delivered}`;
        const kept = new Set(after.map(key));
        const was = new Set(before.map(key));
        process.stderr.write(
          `two-workers: the verifying run changed the stored proposals ${JSON.stringify({
            summary,
            superseded: before.filter((p) => !kept.has(key(p))),
            proposed: after.filter((p) => !was.has(key(p))),
          })}\n`,
        );
      }
      expect(summary).toMatchObject({ proposed: 0, superseded: 0, kept: proposed });
    } finally {
      await verifier.close();
    }
  });
});
