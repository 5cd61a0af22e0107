import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';

interface Candidate {
  counterpartId: string;
  feasible: boolean;
  rule?: string;
  message: string;
}

type Answer = 'fits' | 'above' | 'close';

/**
 * Issue #8: "the why-not endpoint is a price oracle": a supplier alternating price edits and
 * GET /supply-listings/:id/candidates found a buyer's confidential maximum exactly in 17 rounds.
 */
describe('why-not diagnostics without a price oracle (e2e)', () => {
  describe('with the limits raised so that an attacker gets 30 rounds', () => {
    let api: TestApi;
    let coop: Party;
    let batam: Party;

    beforeAll(async () => {
      api = await withEnv({ LISTING_PRICE_EDITS_PER_HOUR: '100', CANDIDATES_PER_HOUR: '100' }, () =>
        startApi(),
      );
      await clearMarket(api.dataSource);
      coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
      batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    });
    afterAll(() => api.close());

    it('cannot pin the buyer’s maximum price better than its 10 % band in 30 rounds of edit and ask', async () => {
      const listing = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body;
      const request = (
        await api.http
          .post('/api/v1/demand-requests')
          .set(batam.auth)
          .send(aRequest({ maxPricePerUnit: 60_000 }))
          .expect(201)
      ).body;

      const ask = async (price: number): Promise<Answer> => {
        await api.http
          .patch(`/api/v1/supply-listings/${listing.id}`)
          .set(coop.auth)
          .send({ pricePerUnit: price })
          .expect(200);
        const res = await api.http
          .get(`/api/v1/supply-listings/${listing.id}/candidates?limit=50`)
          .set(coop.auth)
          .expect(200);
        const mine = (res.body.items as Candidate[]).find((c) => c.counterpartId === request.id)!;
        expect(JSON.stringify(res.body)).not.toContain('60,000');
        if (mine.feasible) return 'fits';
        expect(mine.rule).toBe('price');
        return mine.message.includes('close') ? 'close' : 'above';
      };

      // The best an attacker can do with these answers: bisect the edge between "fits" and the
      // rest, then the edge between "above" and the rest, 15 rounds each.
      let fitsAt = 1_000; // asking prices known to fit
      let notFitsAt = 60_000;
      for (let round = 0; round < 15; round++) {
        const mid = Math.floor((fitsAt + notFitsAt) / 2);
        if ((await ask(mid)) === 'fits') fitsAt = mid;
        else notFitsAt = mid;
      }
      let notAboveAt = fitsAt;
      let aboveAt = 60_000;
      for (let round = 0; round < 15; round++) {
        const mid = Math.floor((notAboveAt + aboveAt) / 2);
        if ((await ask(mid)) === 'above') aboveAt = mid;
        else notAboveAt = mid;
      }
      // All the attacker knows: the highest asking price the buyer accepts lies in
      // [fitsAt, aboveAt). Before the fix the two met (Rp 1 apart); now a band about 10 % of
      // the maximum (Rp 5,476 of landed cost here, about Rp 4,900 of asking price) stays open.
      expect(aboveAt - fitsAt).toBeGreaterThan(4_000);
    });
  });

  describe('with the default limits', () => {
    let api: TestApi;
    let coop: Party;

    beforeAll(async () => {
      api = await startApi();
      coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    });
    afterAll(() => api.close());

    it('lets a listing change its price 4 times an hour, then answers 429 naming the limit', async () => {
      const listing = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body;
      const patch = (body: object) =>
        api.http.patch(`/api/v1/supply-listings/${listing.id}`).set(coop.auth).send(body);
      for (const price of [32_100, 32_200, 32_300, 32_400]) {
        await patch({ pricePerUnit: price }).expect(200);
      }
      const refused = await patch({ pricePerUnit: 32_500 }).expect(429);
      expect(refused.body.code).toBe('PRICE_EDIT_LIMIT');
      expect(refused.body.message).toContain('at most 4 times an hour');
      expect(refused.headers['retry-after']).toBeDefined();
      // Nothing changed, and edits that leave the price alone are not limited.
      await patch({ notes: 'Panen kedua', pricePerUnit: 32_400 }).expect(200);
      const after = await api.http
        .get(`/api/v1/supply-listings/${listing.id}`)
        .set(coop.auth)
        .expect(200);
      expect(after.body).toMatchObject({ pricePerUnit: 32_400, notes: 'Panen kedua' });
    });

    it('answers the why-not diagnostics of one listing 20 times an hour, then 429', async () => {
      const listing = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body;
      const other = (
        await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
      ).body;
      const ask = (id: string) =>
        api.http.get(`/api/v1/supply-listings/${id}/candidates`).set(coop.auth);
      for (let i = 0; i < 20; i++) await ask(listing.id).expect(200);
      const refused = await ask(listing.id).expect(429);
      expect(refused.body.message).toContain('at most 20 times an hour');
      await ask(other.id).expect(200); // per listing
    });
  });
});
