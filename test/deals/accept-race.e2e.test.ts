import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';

/**
 * Proposals, each already accepted by one side, claim more than a listing (or a request) can
 * cover; the other side accepts them all at once. Confirmation must never take more than
 * remains. Runs without a worker, so nothing but the accepts touches the rows.
 *
 * The confirm step guards each row with `status = 'open' AND remaining_quantity >= $qty`. The
 * quantities here are chosen so that each clause is needed on its own: 1 050 is not a multiple of
 * the 100 per match, so after ten confirmations the row is still open with 50 left (only the
 * quantity clause refuses the eleventh); a row that is no longer open but still has quantity left
 * is refused only by the status clause.
 */
describe('concurrent acceptance (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('api');
  });
  afterAll(() => api.close());

  // Shrink 0, so shipped = delivered = 100 and each clause of confirm's guard is raced alone.
  // The engine would never propose beyond the listing; the fixture does, to race the guard.
  const insertMatch = async (
    dataSource: DataSource,
    m: {
      listingId: string;
      requestId: string;
      coop: Party;
      buyer: Party;
      supplierDecision: 'pending' | 'accepted';
      buyerDecision: 'pending' | 'accepted';
    },
  ): Promise<string> => {
    const id = randomUUID();
    await dataSource.query(
      `INSERT INTO matches (id, supply_listing_id, demand_request_id, supplier_organization_id, buyer_organization_id,
          commodity_code, quantity, quantity_delivered, shrink_rate, route, price_per_unit, transport_mode,
          transport_cost_per_unit, landed_cost_per_unit,
          departure_date, arrival_date, shelf_life_days_on_arrival, distance_km, gain_per_unit, status,
          supplier_decision, buyer_decision, expires_at)
       VALUES ($1, $2, $3, $4, $5, 'cabai_merah_keriting', 100, 100, 0, '[]', 32000, 'sea-reefer', 1960, 37516,
          now(), now() + interval '8 days', 6, 1776, 22484, 'proposed', $6, $7, now() + interval '2 days')`,
      [
        id,
        m.listingId,
        m.requestId,
        m.coop.organization.id,
        m.buyer.organization.id,
        m.supplierDecision,
        m.buyerDecision,
      ],
    );
    return id;
  };

  const post = async (party: Party, path: string, body: Record<string, unknown>) =>
    (await api.http.post(path).set(party.auth).send(body).expect(201)).body as { id: string };

  const expectTenConfirmedFortyRefused = (
    results: { status: number; body: { code?: string; message?: string } }[],
    side: 'listing' | 'request',
  ) => {
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.code).toBe('INSUFFICIENT_QUANTITY');
      expect(refused.body.message).toContain(side);
    }
  };

  it.each([1, 2, 3])(
    'never over-allocates a listing of 1 050 under 50 parallel accepts of 100, each for its own request (round %i)',
    async () => {
      const coop = await registerParty(api.http, { type: 'cooperative' });
      const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
      const listing = await post(coop, '/api/v1/supply-listings', aListing({ quantity: 1050 }));
      const matchIds: string[] = [];
      for (let i = 0; i < 50; i++) {
        const request = await post(buyer, '/api/v1/demand-requests', aRequest({ quantity: 100 }));
        matchIds.push(
          await insertMatch(api.dataSource, {
            listingId: listing.id,
            requestId: request.id,
            coop,
            buyer,
            supplierDecision: 'pending',
            buyerDecision: 'accepted',
          }),
        );
      }

      const results = await Promise.all(
        matchIds.map((id) => api.http.post(`/api/v1/matches/${id}/accept`).set(coop.auth)),
      );
      expectTenConfirmedFortyRefused(results, 'listing');

      const [after] = await api.dataSource.query(
        `SELECT l.remaining_quantity, l.status,
              (SELECT coalesce(sum(quantity), 0)::int FROM trades WHERE supply_listing_id = l.id) AS traded,
              (SELECT count(*)::int FROM matches WHERE supply_listing_id = l.id AND status = 'confirmed') AS confirmed
         FROM supply_listings l WHERE l.id = $1`,
        [listing.id],
      );
      // 50 left, still open: the eleventh accept was refused by the quantity clause alone.
      expect(after).toEqual({
        remaining_quantity: 50,
        status: 'open',
        traded: 1000,
        confirmed: 10,
      });
      // Losers are unchanged: still proposed, the supplier's side still pending.
      const [{ untouched }] = await api.dataSource.query(
        `SELECT count(*)::int AS untouched FROM matches WHERE id = ANY($1) AND status = 'proposed' AND supplier_decision = 'pending'`,
        [matchIds],
      );
      expect(untouched).toBe(40);
    },
  );

  it.each([1, 2])(
    'never over-allocates a request of 1 050 shared by 50 matches from 50 listings under parallel accepts (round %i)',
    async () => {
      const coop = await registerParty(api.http, { type: 'cooperative' });
      const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
      const request = await post(buyer, '/api/v1/demand-requests', aRequest({ quantity: 1050 }));
      const matchIds: string[] = [];
      const listingIds: string[] = [];
      for (let i = 0; i < 50; i++) {
        const listing = await post(coop, '/api/v1/supply-listings', aListing({ quantity: 100 }));
        listingIds.push(listing.id);
        matchIds.push(
          await insertMatch(api.dataSource, {
            listingId: listing.id,
            requestId: request.id,
            coop,
            buyer,
            supplierDecision: 'accepted',
            buyerDecision: 'pending',
          }),
        );
      }

      const results = await Promise.all(
        matchIds.map((id) => api.http.post(`/api/v1/matches/${id}/accept`).set(buyer.auth)),
      );
      expectTenConfirmedFortyRefused(results, 'request');

      const [after] = await api.dataSource.query(
        `SELECT r.remaining_quantity, r.status,
              (SELECT coalesce(sum(quantity), 0)::int FROM trades WHERE demand_request_id = r.id) AS traded
         FROM demand_requests r WHERE r.id = $1`,
        [request.id],
      );
      expect(after).toEqual({ remaining_quantity: 50, status: 'open', traded: 1000 });
      // The refused confirmations took nothing from their listings either (rolled back).
      const [{ untouchedListings }] = await api.dataSource.query(
        `SELECT count(*)::int AS "untouchedListings" FROM supply_listings
          WHERE id = ANY($1) AND remaining_quantity = 100 AND status = 'open'`,
        [listingIds],
      );
      expect(untouchedListings).toBe(40);
    },
  );

  it.each(['supply_listings', 'demand_requests'] as const)(
    'refuses to confirm against a row of %s that is no longer open, even with quantity left',
    async (table) => {
      const coop = await registerParty(api.http, { type: 'cooperative' });
      const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
      const listing = await post(coop, '/api/v1/supply-listings', aListing({ quantity: 1000 }));
      const request = await post(buyer, '/api/v1/demand-requests', aRequest({ quantity: 1000 }));
      const matchId = await insertMatch(api.dataSource, {
        listingId: listing.id,
        requestId: request.id,
        coop,
        buyer,
        supplierDecision: 'pending',
        buyerDecision: 'accepted',
      });
      // Withdrawn behind the proposal's back (the status change alone, so that only the
      // confirm's status clause stands between this accept and a trade).
      const withdrawnId = table === 'supply_listings' ? listing.id : request.id;
      await api.dataSource.query(`UPDATE ${table} SET status = 'withdrawn' WHERE id = $1`, [
        withdrawnId,
      ]);

      const refused = await api.http.post(`/api/v1/matches/${matchId}/accept`).set(coop.auth);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('INSUFFICIENT_QUANTITY');
      const [state] = await api.dataSource.query(
        `SELECT (SELECT remaining_quantity FROM supply_listings WHERE id = $1) AS listing_left,
                (SELECT remaining_quantity FROM demand_requests WHERE id = $2) AS request_left,
                (SELECT count(*)::int FROM trades WHERE match_id = $3) AS trades,
                (SELECT status FROM matches WHERE id = $3) AS match_status`,
        [listing.id, request.id, matchId],
      );
      expect(state).toEqual({
        listing_left: 1000,
        request_left: 1000,
        trades: 0,
        match_status: 'proposed',
      });
    },
  );
});
