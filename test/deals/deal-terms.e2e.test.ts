import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { waitFor } from '../support/wait';

interface Leg {
  kind: string;
  from: string;
  to: string;
  hours: number;
  costPerUnit: number;
}

/**
 * Issue #8: "nobody knows who they are trading with" and "the money does not add up", reproduced
 * on the founding case (Malang chili to Batam by reefer sea, 3 % shrink).
 */
describe('deal terms: counterparties, contacts and money that adds up (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('all');
  });
  // Each test trades on its own market.
  beforeEach(() => clearMarket(api.dataSource));
  afterAll(() => api.close());

  const proposalFor = async (party: Party, requestId: string) =>
    waitFor(
      async () => {
        const res = await api.http
          .get(`/api/v1/matches?demandRequestId=${requestId}&status=proposed`)
          .set(party.auth)
          .expect(200);
        return res.body.items[0];
      },
      { what: 'a proposal for the request' },
    );

  const confirm = async (coop: Party, batam: Party, matchId: string) => {
    await api.http.post(`/api/v1/matches/${matchId}/accept`).set(coop.auth).expect(200);
    await api.http.post(`/api/v1/matches/${matchId}/accept`).set(batam.auth).expect(200);
    const trades = await api.http.get('/api/v1/trades').set(batam.auth).expect(200);
    return trades.body.items.find((t: { matchId: string }) => t.matchId === matchId);
  };

  it('shows each side who the other is, and both contacts once the trade is confirmed', async () => {
    const coop = await registerParty(api.http, {
      type: 'cooperative',
      regionCode: '35.07',
      name: 'KUD Tani Makmur',
      contact: {
        contactName: 'Siti Rahayu',
        phone: '+6281234567890',
        email: 'siti@kud.example.id',
      },
    });
    const batam = await registerParty(api.http, {
      type: 'procurement',
      regionCode: '21.71',
      name: 'Dinas Ketahanan Pangan Batam',
    });
    // The buyer adds its contact after registering.
    const patched = await api.http
      .patch('/api/v1/organizations/me')
      .set(batam.auth)
      .send({
        contactName: 'Budi Santoso',
        phone: '+6277812345678',
        email: 'Budi@Batam.example.id',
      })
      .expect(200);
    expect(patched.body).toMatchObject({
      contactName: 'Budi Santoso',
      email: 'budi@batam.example.id',
    });
    const me = await api.http.get('/api/v1/me').set(coop.auth).expect(200);
    expect(me.body.organization).toMatchObject({
      contactName: 'Siti Rahayu',
      phone: '+6281234567890',
      email: 'siti@kud.example.id',
      verificationStatus: 'unverified',
    });

    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    const request = (
      await api.http.post('/api/v1/demand-requests').set(batam.auth).send(aRequest()).expect(201)
    ).body;
    const asBuyer = await proposalFor(batam, request.id);
    expect(asBuyer.counterparty).toEqual({
      organizationId: coop.organization.id,
      name: 'KUD Tani Makmur',
      type: 'cooperative',
      regionCode: '35.07',
      verificationStatus: 'unverified',
    });
    const asSupplier = (
      await api.http.get(`/api/v1/matches/${asBuyer.id}`).set(coop.auth).expect(200)
    ).body;
    expect(asSupplier.counterparty).toMatchObject({
      organizationId: batam.organization.id,
      name: 'Dinas Ketahanan Pangan Batam',
      type: 'procurement',
      regionCode: '21.71',
    });
    // Before confirmation there is nothing to call anyone about.
    expect(asBuyer.contacts).toBeUndefined();
    // The buyer's maximum price stays hidden from the supplier (directly or through the gain).
    expect(asSupplier.gainPerUnit).toBeNull();
    expect(JSON.stringify(asSupplier)).not.toContain('maxPricePerUnit');

    const trade = await confirm(coop, batam, asBuyer.id);
    const expected = {
      supplier: {
        organizationName: 'KUD Tani Makmur',
        personName: 'Siti Rahayu',
        phone: '+6281234567890',
        email: 'siti@kud.example.id',
      },
      buyer: {
        organizationName: 'Dinas Ketahanan Pangan Batam',
        personName: 'Budi Santoso',
        phone: '+6277812345678',
        email: 'budi@batam.example.id',
      },
    };
    expect(trade.contacts).toEqual(expected);
    const supplierTrade = (
      await api.http.get(`/api/v1/trades/${trade.id}`).set(coop.auth).expect(200)
    ).body;
    expect(supplierTrade.contacts).toEqual(expected);
    expect(JSON.stringify(supplierTrade)).not.toContain('maxPricePerUnit');
    expect(trade.terms.request.maxPricePerUnit).toBe(60_000); // the buyer's own term
  });

  it('refuses a contact that is not one, naming the fields, and changes nothing', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const res = await api.http
      .patch('/api/v1/organizations/me')
      .set(coop.auth)
      .send({ phone: '0812-3456-7890', email: 'not an email' })
      .expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'email',
      'phone',
    ]);
    const me = await api.http.get('/api/v1/me').set(coop.auth).expect(200);
    expect(me.body.organization).toMatchObject({ phone: null, email: null });
    const atRegistration = await api.http
      .post('/api/v1/auth/register')
      .send({
        organization: { name: 'KUD X', type: 'cooperative', regionCode: '35.07', phone: '12345' },
        user: { email: 'bad-phone@example.id', password: 'correct horse battery', name: 'X' },
      })
      .expect(400);
    expect(atRegistration.body.details[0].field).toBe('organization.phone');
  });

  it('breaks the landed cost down, fills a request with what arrives and ships what it takes', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const listing = (
      await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ quantity: 5000, pricePerUnit: 32_000 }))
        .expect(201)
    ).body;
    const request = (
      await api.http
        .post('/api/v1/demand-requests')
        .set(batam.auth)
        .send(aRequest({ quantity: 3000 }))
        .expect(201)
    ).body;
    const match = await proposalFor(batam, request.id);

    // 3,000 kg must arrive; 3 % is lost in a reefer container, so 3,093 kg leave Malang.
    expect(match).toMatchObject({
      transportMode: 'sea-reefer',
      shrinkRate: 0.03,
      quantityDelivered: 3000,
      quantityShipped: 3093,
      quantity: 3093,
    });
    const b = match.landedCostBreakdown;
    expect(b.pricePerUnit).toBe(32_000);
    expect(b.shrinkPerUnit).toBe(Math.ceil(32_000 / 0.97) - 32_000); // Rp 990: no longer unexplained
    expect(b.transportPerUnit).toBe(match.transportCostPerUnit);
    expect(b.pricePerUnit + b.shrinkPerUnit + b.transportPerUnit + b.feesPerUnit).toBe(
      match.landedCostPerUnit,
    );
    const route = match.route as Leg[];
    expect(route.map((l) => l.kind)).toEqual(['road', 'sea', 'road']);
    expect(route[0].from).toBe('35.07');
    expect(route[2].to).toBe('21.71');
    expect(route.reduce((sum, l) => sum + l.costPerUnit, 0)).toBe(match.transportCostPerUnit);
    expect(match.gainPerUnit).toBe(60_000 - match.landedCostPerUnit);
    expect(match.totalLandedCost).toBe(String(3000 * match.landedCostPerUnit));

    const trade = await confirm(coop, batam, match.id);
    expect(trade).toMatchObject({ quantityShipped: 3093, quantityDelivered: 3000 });
    expect(trade.totalPrice).toBe(String(3093 * 32_000));
    expect(trade.totalLandedCost).toBe(String(3000 * match.landedCostPerUnit));
    const l = (await api.http.get(`/api/v1/supply-listings/${listing.id}`).set(coop.auth)).body;
    const r = (await api.http.get(`/api/v1/demand-requests/${request.id}`).set(batam.auth)).body;
    expect(l.remainingQuantity).toBe(5000 - 3093);
    expect(r).toMatchObject({ remainingQuantity: 0, status: 'fulfilled' });

    // The trade keeps what it was agreed on, whatever the listing says next.
    expect(trade.terms).toMatchObject({
      grade: 'I',
      pricePerUnit: 32_000,
      quantityShipped: 3093,
      quantityDelivered: 3000,
      shrinkRate: 0.03,
      transportMode: 'sea-reefer',
      landedCostPerUnit: match.landedCostPerUnit,
      landedCostBreakdown: b,
      route,
      departureDate: match.departureDate,
      arrivalDate: match.arrivalDate,
      listing: { id: listing.id, pricePerUnit: 32_000, grade: 'I', quantity: 5000 },
      request: { id: request.id, quantity: 3000, minGrade: 'II' },
    });
    await api.http
      .patch(`/api/v1/supply-listings/${listing.id}`)
      .set(coop.auth)
      .send({ pricePerUnit: 36_000 })
      .expect(200);
    const after = (await api.http.get(`/api/v1/trades/${trade.id}`).set(batam.auth).expect(200))
      .body;
    expect(after.terms).toEqual(trade.terms);
  });
});
