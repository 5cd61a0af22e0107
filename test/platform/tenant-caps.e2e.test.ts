import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';

/** Issue #9 point 4: one organization cannot grow without bound (150 webhook endpoints were created). */
describe('per-organization caps (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await withEnv(
      {
        WEBHOOK_ENDPOINTS_PER_ORGANIZATION: '2',
        WATCHLISTS_PER_ORGANIZATION: '2',
        OPEN_LISTINGS_PER_ORGANIZATION: '2',
        OPEN_REQUESTS_PER_ORGANIZATION: '2',
        WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      () => startApi('api'),
    );
  });
  afterAll(() => api.close());

  const expectCap = (res: { status: number; body: Record<string, unknown> }, cap: string) => {
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('TENANT_CAP_REACHED');
    expect(res.body.message).toContain(cap);
    expect(res.body.details).toEqual([expect.objectContaining({ field: cap })]);
  };

  it('refuses webhook endpoints beyond the cap with 422 naming it, even when created in parallel', async () => {
    const party = await registerParty(api.http, { type: 'procurement' });
    const attempts = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        api.http
          .post('/api/v1/webhooks')
          .set(party.auth)
          .send({ url: `http://127.0.0.1:9/hook-${i}`, eventTypes: ['match.proposed'] }),
      ),
    );
    expect(attempts.filter((r) => r.status === 201)).toHaveLength(2);
    for (const refused of attempts.filter((r) => r.status !== 201))
      expectCap(refused, 'WEBHOOK_ENDPOINTS_PER_ORGANIZATION');
    // Deleting one frees its place.
    const [first] = (await api.http.get('/api/v1/webhooks').set(party.auth).expect(200)).body.items;
    await api.http.delete(`/api/v1/webhooks/${first.id}`).set(party.auth).expect(204);
    await api.http
      .post('/api/v1/webhooks')
      .set(party.auth)
      .send({ url: 'http://127.0.0.1:9/again', eventTypes: ['match.proposed'] })
      .expect(201);
  });

  it('refuses watchlists beyond the cap', async () => {
    const trader = await registerParty(api.http, { type: 'trader' });
    const watch = { commodityCode: 'cabai_merah_keriting' };
    for (let i = 0; i < 2; i++)
      await api.http.post('/api/v1/watchlists').set(trader.auth).send(watch).expect(201);
    expectCap(
      await api.http.post('/api/v1/watchlists').set(trader.auth).send(watch),
      'WATCHLISTS_PER_ORGANIZATION',
    );
  });

  it('refuses open listings beyond the cap; a withdrawn one frees its place', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const ids: string[] = [];
    for (let i = 0; i < 2; i++)
      ids.push(
        (await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201))
          .body.id,
      );
    expectCap(
      await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()),
      'OPEN_LISTINGS_PER_ORGANIZATION',
    );
    await api.http.post(`/api/v1/supply-listings/${ids[0]}/withdraw`).set(coop.auth).expect(200);
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
  });

  it('refuses open requests beyond the cap even when posted in parallel, storing nothing of a refused one', async () => {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()),
      ),
    );
    expect(attempts.filter((r) => r.status === 201)).toHaveLength(2);
    for (const refused of attempts.filter((r) => r.status !== 201))
      expectCap(refused, 'OPEN_REQUESTS_PER_ORGANIZATION');
    // The cap is checked after the insert (a shorter turn): a refusal rolls the row and its event back.
    const [stored] = await api.dataSource.query(
      `SELECT (SELECT count(*) FROM demand_requests WHERE organization_id = $1)::int AS requests,
              (SELECT count(*) FROM outbox_events o JOIN demand_requests d ON d.id = o.aggregate_id
                WHERE d.organization_id = $1)::int AS events,
              (SELECT count(*) FROM outbox_events o WHERE o.type = 'demand_request.created'
                AND NOT EXISTS (SELECT 1 FROM demand_requests d WHERE d.id = o.aggregate_id))::int
                AS orphans`,
      [buyer.organization.id],
    );
    expect(stored).toEqual({ requests: 2, events: 2, orphans: 0 });
  });

  it('refuses open requests beyond the cap', async () => {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    for (let i = 0; i < 2; i++)
      await api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()).expect(201);
    expectCap(
      await api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()),
      'OPEN_REQUESTS_PER_ORGANIZATION',
    );
  });
});
