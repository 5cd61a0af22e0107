import { randomUUID } from 'node:crypto';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';

/**
 * 50 proposals, each already accepted by its buyer, claim one listing that can cover only some
 * of them; the supplier accepts all 50 at once. Confirmation must never take more than remains.
 * Runs without a worker, so nothing but the accepts touches the rows.
 */
describe('concurrent acceptance (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('api');
  });
  afterAll(() => api.close());

  it.each([1, 2, 3])(
    'never over-allocates a listing under 50 parallel accepts (round %i)',
    async () => {
      const coop = await registerParty(api.http, { type: 'cooperative' });
      const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
      const listing = (
        await api.http
          .post('/api/v1/supply-listings')
          .set(coop.auth)
          .send(aListing({ quantity: 1000 }))
          .expect(201)
      ).body;
      const matchIds: string[] = [];
      for (let i = 0; i < 50; i++) {
        const request = (
          await api.http
            .post('/api/v1/demand-requests')
            .set(buyer.auth)
            .send(aRequest({ quantity: 100 }))
            .expect(201)
        ).body;
        const id = randomUUID();
        matchIds.push(id);
        // The engine would never propose beyond the listing; the fixture does, to race the guard.
        await api.dataSource.query(
          `INSERT INTO matches (id, supply_listing_id, demand_request_id, supplier_organization_id, buyer_organization_id,
            commodity_code, quantity, quantity_delivered, shrink_rate, route, price_per_unit, transport_mode,
            transport_cost_per_unit, landed_cost_per_unit,
            departure_date, arrival_date, shelf_life_days_on_arrival, distance_km, gain_per_unit, status,
            supplier_decision, buyer_decision, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'cabai_merah_keriting', 100, 90, 0.1, '[]', 32000, 'sea-reefer', 1960, 37516,
            now(), now() + interval '8 days', 6, 1776, 22484, 'proposed', 'pending', 'accepted', now() + interval '2 days')`,
          [id, listing.id, request.id, coop.organization.id, buyer.organization.id],
        );
      }

      const results = await Promise.all(
        matchIds.map((id) => api.http.post(`/api/v1/matches/${id}/accept`).set(coop.auth)),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 409)).toHaveLength(40);
      expect(
        results
          .filter((r) => r.status === 409)
          .every((r) => r.body.code === 'INSUFFICIENT_QUANTITY'),
      ).toBe(true);

      const [after] = await api.dataSource.query(
        `SELECT l.remaining_quantity, l.status,
              (SELECT coalesce(sum(quantity), 0)::int FROM trades WHERE supply_listing_id = l.id) AS traded,
              (SELECT count(*)::int FROM matches WHERE supply_listing_id = l.id AND status = 'confirmed') AS confirmed
         FROM supply_listings l WHERE l.id = $1`,
        [listing.id],
      );
      expect(after).toEqual({
        remaining_quantity: 0,
        status: 'exhausted',
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
});
