import { MatchingService } from '../../src/matching/matching.service';
import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket, useRationing } from '../support/market';
import { waitFor } from '../support/wait';

/**
 * What the console needs from the API to speak its reader's language: why-not reasons as codes
 * with raw figures (not only English prose), route legs with the real names of their places,
 * and a trader's opportunity feed filtered from the inbox.
 */
describe('the console contract (e2e, API and worker)', () => {
  let api: TestApi;
  let coop: Party;
  let batam: Party;
  let trader: Party;

  beforeAll(async () => {
    api = await startApi('all');
    await clearMarket(api.dataSource);
    await useRationing(api.app, 'cabai_merah_keriting', 'max-gain');
    coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    trader = await registerParty(api.http, { type: 'trader', regionCode: '31.71' });
  });
  afterAll(() => api.close());

  it('states a price refusal as a code with the landed cost, the maximum and the option, matching the English message', async () => {
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ commodityCode: 'cabai_rawit_merah', grade: 'super', pricePerUnit: 40000 }))
      .expect(201);
    const cheap = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({
            commodityCode: 'cabai_rawit_merah',
            minGrade: 'I',
            maxPricePerUnit: 30000,
            quantity: 500,
          }),
        )
        .expect(201)
    ).body;
    await api.app.get(MatchingService).reoptimize('cabai_rawit_merah');
    const [why] = (
      await api.http
        .get(`/api/v1/demand-requests/${cheap.id}/candidates`)
        .set(batam.auth)
        .expect(200)
    ).body.items;
    expect(why.rule).toBe('price');
    expect(why.reason.code).toBe('above_maximum_price');
    const { landedCostPerUnit, maxPricePerUnit, maxAskingPricePerUnit, transport } =
      why.reason.params;
    expect(maxPricePerUnit).toBe(30000);
    expect(Number.isInteger(landedCostPerUnit)).toBe(true);
    expect(landedCostPerUnit).toBeGreaterThan(40000);
    expect(why.message).toBe(
      `cheapest landed cost Rp ${landedCostPerUnit.toLocaleString('en-US')} by ${transport}; ` +
        'your maximum is Rp 30,000',
    );
    expect(maxAskingPricePerUnit === null || maxAskingPricePerUnit < 40000).toBe(true);
  });

  it("tells a supplier only the band of a buyer's confidential maximum: a code and the landed cost, no maximum", async () => {
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ commodityCode: 'bawang_merah', grade: 'I', pricePerUnit: 45000 }))
        .expect(201)
    ).body;
    await api.http
      .post('/api/v1/demand-requests')
      .set(batam.auth)
      .send(aRequest({ commodityCode: 'bawang_merah', minGrade: 'II', maxPricePerUnit: 20000 }))
      .expect(201);
    const [why] = (
      await api.http
        .get(`/api/v1/supply-listings/${listing.id}/candidates`)
        .set(coop.auth)
        .expect(200)
    ).body.items;
    expect(why.reason.code).toBe('above_buyer_price');
    expect(Object.keys(why.reason.params)).toEqual(['landedCostPerUnit']);
    expect(JSON.stringify(why)).not.toContain('20000');
  });

  it('states time refusals with ISO instants and a grade refusal with both grades', async () => {
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ commodityCode: 'cabai_merah_besar', grade: 'II', pricePerUnit: 20000 }))
        .expect(201)
    ).body;
    const picky = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ commodityCode: 'cabai_merah_besar', minGrade: 'I' }))
        .expect(201)
    ).body;
    const [gradeWhy] = (
      await api.http
        .get(`/api/v1/demand-requests/${picky.id}/candidates`)
        .set(batam.auth)
        .expect(200)
    ).body.items;
    expect(gradeWhy.reason).toEqual({
      code: 'grade_below_minimum',
      params: { offeredGrade: 'II', minimumGrade: 'I' },
    });
    expect(listing.id).toBe(gradeWhy.counterpartId);

    // A listing that stops shipping tomorrow, for a buyer who wants nothing before 12 days.
    const early = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(
          aListing({
            commodityCode: 'cabai_rawit_hijau',
            grade: 'I',
            pricePerUnit: 20000,
            availableUntil: daysFromNow(1),
          }),
        )
        .expect(201)
    ).body;
    const late = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(
          aRequest({
            commodityCode: 'cabai_rawit_hijau',
            minGrade: 'II',
            deliverFrom: daysFromNow(12),
            deliverBy: daysFromNow(14),
          }),
        )
        .expect(201)
    ).body;
    const [timeWhy] = (
      await api.http
        .get(`/api/v1/demand-requests/${late.id}/candidates`)
        .set(batam.auth)
        .expect(200)
    ).body.items;
    expect(timeWhy.counterpartId).toBe(early.id);
    expect(timeWhy.reason.code).toBe('departs_after_window');
    const p = timeWhy.reason.params;
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const key of ['deliverFrom', 'departureDate', 'availableUntil', 'latestDeliverFrom'])
      expect(p[key]).toMatch(iso);
    expect(p.availableUntil).toBe(early.availableUntil);
    expect(p.deliverFrom).toBe(late.deliverFrom);
    expect(Date.parse(p.departureDate)).toBeGreaterThan(Date.parse(p.availableUntil));
  });

  it('names the places of a route (regions, ports and airports) and feeds a trader its opportunities only', async () => {
    await api.http
      .post('/api/v1/watchlists')
      .set(trader.auth)
      .send({ commodityCode: 'cabai_merah_keriting', originCode: '35.07' })
      .expect(201);
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    await api.http.post('/api/v1/demand-requests').set(batam.auth).send(aRequest()).expect(201);
    const [proposal] = await waitFor(
      async () => {
        const items = (
          await api.http
            .get('/api/v1/matches')
            .query({ commodityCode: 'cabai_merah_keriting', status: 'proposed' })
            .set(batam.auth)
            .expect(200)
        ).body.items;
        return items.length > 0 && items;
      },
      { what: 'a chili proposal' },
    );
    const legs = proposal.route as { from: string; fromName: string; toName: string }[];
    expect(legs[0]).toMatchObject({ from: '35.07', fromName: 'Kabupaten Malang' });
    // Every place of the route has its real name, none is a code.
    for (const leg of legs) {
      expect(leg.fromName).toMatch(/^[A-Z]/);
      expect(leg.toName).toMatch(/^[A-Z]/);
    }
    const hubs = legs
      .flatMap((l) => [l.fromName, l.toName])
      .filter((n) => !/^K(abupaten|ota) /.test(n));
    expect(hubs.length).toBeGreaterThan(0);
    expect(hubs.every((n) => /Pelabuhan|Airport|Bandara/.test(n))).toBe(true);

    const feed = await waitFor(
      async () => {
        const items = (
          await api.http
            .get('/api/v1/notifications')
            .query({ type: 'opportunity.matched' })
            .set(trader.auth)
            .expect(200)
        ).body.items;
        return items.length > 0 && items;
      },
      { what: "the trader's opportunity" },
    );
    expect(feed.every((n: { type: string }) => n.type === 'opportunity.matched')).toBe(true);
    expect(feed[0].data).toMatchObject({ originRegionCode: '35.07', quantity: proposal.quantity });
    // The cooperative's inbox holds the proposal, and the filter leaves it out.
    const coopFeed = (
      await api.http
        .get('/api/v1/notifications')
        .query({ type: 'opportunity.matched' })
        .set(coop.auth)
        .expect(200)
    ).body.items;
    expect(coopFeed).toEqual([]);
    const bad = await api.http
      .get('/api/v1/notifications')
      .query({ type: 'opportunity' })
      .set(trader.auth)
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('type');
  });
});
