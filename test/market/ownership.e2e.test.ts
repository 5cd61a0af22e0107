import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, Party, registerParty } from '../support/factories';

/**
 * Every object an organization owns is invisible to others: a 404 for every route that takes
 * its id, and nothing about it changes.
 */
describe('ownership (e2e)', () => {
  let api: TestApi;
  let owner: Party;
  let rival: Party;
  let buyer: Party;
  let rivalBuyer: Party;
  let listingId: string;
  let requestId: string;

  beforeAll(async () => {
    api = await startApi();
    owner = await registerParty(api.http, { type: 'cooperative' });
    rival = await registerParty(api.http, { type: 'cooperative' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    rivalBuyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    listingId = (
      await api.http.post('/api/v1/supply-listings').set(owner.auth).send(aListing()).expect(201)
    ).body.id;
    requestId = (
      await api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()).expect(201)
    ).body.id;
  });
  afterAll(() => api.close());

  const routes = (kind: 'supply-listings' | 'demand-requests', id: string) => [
    { method: 'get' as const, path: `/api/v1/${kind}/${id}` },
    { method: 'patch' as const, path: `/api/v1/${kind}/${id}`, body: { quantity: 1 } },
    { method: 'post' as const, path: `/api/v1/${kind}/${id}/withdraw` },
  ];

  it("hides a cooperative's listing from another cooperative on every route", async () => {
    for (const route of routes('supply-listings', listingId)) {
      const res = await api.http[route.method](route.path).set(rival.auth).send(route.body);
      expect({
        route: `${route.method} ${route.path}`,
        status: res.status,
        code: res.body.code,
      }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
        code: 'NOT_FOUND',
      });
    }
    const unchanged = await api.http
      .get(`/api/v1/supply-listings/${listingId}`)
      .set(owner.auth)
      .expect(200);
    expect(unchanged.body).toMatchObject({ status: 'open', quantity: 5000 });
  });

  it("hides a procurement office's request from another office and from cooperatives", async () => {
    for (const party of [rivalBuyer, owner]) {
      for (const route of routes('demand-requests', requestId)) {
        const res = await api.http[route.method](route.path).set(party.auth).send(route.body);
        expect([route.path, res.status]).toEqual([route.path, 404]);
      }
    }
    const unchanged = await api.http
      .get(`/api/v1/demand-requests/${requestId}`)
      .set(buyer.auth)
      .expect(200);
    expect(unchanged.body).toMatchObject({ status: 'open', quantity: 3000 });
  });

  it("keeps listings out of other organizations' lists", async () => {
    const list = await api.http.get('/api/v1/supply-listings').set(rival.auth).expect(200);
    expect(list.body.items.map((l: { id: string }) => l.id)).not.toContain(listingId);
  });

  it('refuses requests without a valid token', async () => {
    await api.http.get(`/api/v1/supply-listings/${listingId}`).expect(401);
    await api.http
      .get(`/api/v1/supply-listings/${listingId}`)
      .set('Authorization', 'Bearer nonsense')
      .expect(401);
    const [head, payload, signature] = owner.token.split('.');
    const forged = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
        sub: rival.user.id,
      }),
    ).toString('base64url');
    await api.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${head}.${forged}.${signature}`)
      .expect(401);
  });

  it('stops accepting the token of a deleted user at once', async () => {
    const temp = await registerParty(api.http, { type: 'trader' });
    await api.http.get('/api/v1/me').set(temp.auth).expect(200);
    await api.dataSource.query('DELETE FROM users WHERE id = $1', [temp.user.id]);
    await api.http.get('/api/v1/me').set(temp.auth).expect(401);
  });
});
