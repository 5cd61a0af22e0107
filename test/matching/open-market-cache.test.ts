import type { EntityManager } from 'typeorm';
import { OpenMarketCache, type OpenMarketLoad } from '../../src/matching/live/open-market-cache';
import {
  MarketRepository,
  type OpenMarket,
  type OpenMarketQuery,
} from '../../src/matching/market.repository';
import { MatchingService } from '../../src/matching/matching.service';
import { startApi, startWorker, TestApi } from '../support/app';
import { aListing, aRequest, postMalangBatamLot, type Party } from '../support/factories';
import { clearMarket } from '../support/market';

const CHILI = 'cabai_merah_keriting';
const GRADES = ['super', 'I', 'II'];

/**
 * The owner of a live market reads only the rows changed since its last run (market_changes, by
 * the transactions its last snapshot did not see). After every kind of change a run meets, its
 * copy must be what a full load reads, and be read as a delta: anything the log missed would
 * leave the live market answering for a market that is not there.
 */
describe("the owner's copy of the open market (integration)", () => {
  let api: TestApi;
  let coop: Party;
  let buyer: Party;
  let cache: OpenMarketCache;
  let now = new Date();
  /** A run's clock: it never goes back (the first test moves it two minutes ahead). */
  const tick = () => (now = new Date(Math.max(Date.now(), now.getTime() + 1)));

  const query = (): OpenMarketQuery => ({
    commodityCode: CHILI,
    grades: GRADES,
    now,
    ceilingFor: () => null,
  });
  const inTransaction = <T>(work: (repo: MarketRepository, m: EntityManager) => Promise<T>) =>
    api.dataSource.transaction((manager) => work(new MarketRepository(manager), manager));
  const load = () => inTransaction((repo) => cache.load(repo, query()));
  const fullLoad = () => new MarketRepository(api.dataSource.manager).openMarket(query());
  const sql = (text: string, params: unknown[] = []) => api.dataSource.query(text, params);
  const plain = ({ proposals, listings, requests }: OpenMarket) => ({
    proposals,
    listings,
    requests,
  });

  /** One load of the copy, as a delta, equal to a full load of the same moment. */
  async function expectDeltaLikeFullLoad(): Promise<OpenMarketLoad> {
    const copy = await load();
    expect(copy.delta).toBe(true);
    expect(plain(copy)).toEqual(await fullLoad());
    return copy;
  }

  beforeAll(async () => {
    api = await startApi('api');
    await clearMarket(api.dataSource);
    ({ coop, buyer } = await postMalangBatamLot(api.http));
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    const worker = await startWorker();
    try {
      await worker.get(MatchingService).reoptimize(CHILI);
    } finally {
      await worker.close();
    }
    cache = new OpenMarketCache();
  });
  afterAll(() => api.close());

  it('loads in full first, then only what changed, ending each time where a full load does', async () => {
    tick();
    const first = await load();
    expect(first.delta).toBe(false);
    expect(plain(first)).toEqual(await fullLoad());
    expect(first.proposals.length).toBeGreaterThan(0);

    // Nothing changed: the same arrays, whose rows the live market tells by their identity.
    const same = await expectDeltaLikeFullLoad();
    expect(same.listings).toBe(first.listings);
    expect(same.requests).toBe(first.requests);

    // A new listing and a new request, through the API.
    const listing = (
      await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
    ).body as { id: string };
    const request = (
      await api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()).expect(201)
    ).body as { id: string };
    let copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.map((l) => l.id)).toContain(listing.id);
    expect(copy.requests.map((r) => r.id)).toContain(request.id);

    // A deal takes part of a listing; a request asks for less; a listing is withdrawn.
    await sql(
      `UPDATE supply_listings SET remaining_quantity = remaining_quantity - 7 WHERE id = $1`,
      [listing.id],
    );
    await sql(
      `UPDATE demand_requests SET remaining_quantity = remaining_quantity - 3 WHERE id = $1`,
      [request.id],
    );
    await expectDeltaLikeFullLoad();
    await sql(`UPDATE supply_listings SET status = 'withdrawn' WHERE id = $1`, [listing.id]);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.map((l) => l.id)).not.toContain(listing.id);

    // An organization's trust changes every listing of it (no listing row changes).
    await sql(`UPDATE organizations SET verified_counterparts_only = true WHERE id = $1`, [
      coop.organization.id,
    ]);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.every((l) => l.verifiedCounterpartsOnly)).toBe(true);

    // A party accepts a proposal: its quantities are held out of its listing and request.
    const [proposal] = copy.proposals;
    await sql(`UPDATE matches SET supplier_decision = 'accepted' WHERE id = $1`, [proposal.id]);
    copy = await expectDeltaLikeFullLoad();
    const heldListing = copy.listings.find((l) => l.id === proposal.supplyListingId);
    expect(heldListing?.remainingQuantity ?? 0).toBeLessThan(
      first.listings.find((l) => l.id === proposal.supplyListingId)!.remainingQuantity,
    );
    // ... and the proposal is superseded: the quantities come back.
    await sql(`UPDATE matches SET status = 'superseded' WHERE id = $1`, [proposal.id]);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.proposals.map((p) => p.id)).not.toContain(proposal.id);

    // Rows deleted (an operator's repair; tests clear their market so).
    await sql(`DELETE FROM demand_requests WHERE id = $1`, [request.id]);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.requests.map((r) => r.id)).not.toContain(request.id);

    // Time closes a window without a write: a listing open for one more minute (a write, read
    // as a change), then the clock moves past it (no write).
    const [open] = copy.listings;
    await sql(`UPDATE supply_listings SET available_until = $2 WHERE id = $1`, [
      open.id,
      new Date(now.getTime() + 60_000),
    ]);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.map((l) => l.id)).toContain(open.id);
    now = new Date(now.getTime() + 120_000);
    copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.map((l) => l.id)).not.toContain(open.id);
    tick();
  });

  it('reads a change committed after its snapshot was taken, in whichever order transactions commit', async () => {
    tick();
    await load();
    const runner = api.dataSource.createQueryRunner();
    await runner.connect();
    try {
      // A transaction that changes a listing, open while a load takes its snapshot...
      await runner.startTransaction();
      const [listing] = await runner.query(
        `SELECT id FROM supply_listings WHERE commodity_code = $1 AND status = 'open' LIMIT 1`,
        [CHILI],
      );
      await runner.query(
        `UPDATE supply_listings SET price_per_unit = price_per_unit + 1 WHERE id = $1`,
        [listing.id],
      );
      // ... and a later one that commits first.
      await sql(
        `UPDATE demand_requests SET max_price_per_unit = max_price_per_unit + 1
                  WHERE commodity_code = $1 AND status = 'open'`,
        [CHILI],
      );
      await expectDeltaLikeFullLoad();
      await runner.commitTransaction();
      const copy = await expectDeltaLikeFullLoad();
      expect(copy.listings.find((l) => l.id === listing.id)?.pricePerUnit).toBe(
        (await fullLoad()).listings.find((l) => l.id === listing.id)?.pricePerUnit,
      );
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it("reads its own run's writes at the next load (a snapshot sees its own transaction)", async () => {
    tick();
    await load();
    await inTransaction(async (repo, manager) => {
      // A run's transaction has an id before it loads (its lease's fence writes).
      await manager.query(`SELECT pg_current_xact_id()`);
      // ... and one that started after it commits first: the snapshot's horizon passes this
      // transaction's id, which it does not list as running (its own).
      await sql(`SELECT pg_current_xact_id()`);
      await cache.load(repo, query());
      // As a run does after loading: it writes in the same transaction (here, prices).
      await manager.query(
        `UPDATE supply_listings SET price_per_unit = price_per_unit + 5
          WHERE commodity_code = $1 AND status = 'open'`,
        [CHILI],
      );
    });
    const copy = await expectDeltaLikeFullLoad();
    expect(copy.listings.length).toBeGreaterThan(0);
  });

  it('loads in full again after a truncate', async () => {
    await load();
    await sql(`TRUNCATE market_changes`); // the log alone: its rows are not the market's
    await sql(`TRUNCATE trades, matches CASCADE`);
    const copy = await load();
    expect(copy.delta).toBe(false);
    expect(plain(copy)).toEqual(await fullLoad());
  });
});
