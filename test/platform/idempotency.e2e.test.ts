import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, registerParty } from '../support/factories';

describe('idempotent writes (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi('api');
  });
  afterAll(() => api.close());

  const countListings = async (organizationId: string): Promise<number> =>
    (
      await api.dataSource.query(
        `SELECT count(*)::int AS n FROM supply_listings WHERE organization_id = $1`,
        [organizationId],
      )
    )[0].n;

  it('creates exactly one listing when the same POST is fired 20 times in parallel with one key', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const body = aListing({ quantity: 777 });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.http
          .post('/api/v1/supply-listings')
          .set(coop.auth)
          .set('Idempotency-Key', 'listing-777')
          .send(body),
      ),
    );
    expect(await countListings(coop.organization.id)).toBe(1);
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    // Everyone else saw either the replayed response or "still in flight", never a second object.
    expect(
      results.every(
        (r) =>
          r.status === 201 || (r.status === 409 && r.body.code === 'IDEMPOTENCY_KEY_IN_FLIGHT'),
      ),
    ).toBe(true);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);

    const replay = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Idempotency-Key', 'listing-777')
      .send(body)
      .expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(created[0].body);
    expect(await countListings(coop.organization.id)).toBe(1);
  });

  it('refuses the same key with another body (422), and scopes keys to the organization', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const other = await registerParty(api.http, { type: 'cooperative' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Idempotency-Key', 'k-1')
      .send(aListing())
      .expect(201);
    const reused = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Idempotency-Key', 'k-1')
      .send(aListing({ quantity: 1 }))
      .expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await api.http
      .post('/api/v1/supply-listings')
      .set(other.auth)
      .set('Idempotency-Key', 'k-1')
      .send(aListing())
      .expect(201);
    expect(await countListings(coop.organization.id)).toBe(1);
    expect(await countListings(other.organization.id)).toBe(1);
  });

  it('releases the key of a request that failed, so a corrected retry can run', async () => {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .set('Idempotency-Key', 'fix-me')
      .send(aRequest({ quantity: 0 }))
      .expect(400);
    await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .set('Idempotency-Key', 'fix-me')
      .send(aRequest())
      .expect(201);
    const bad = await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .set('Idempotency-Key', 'spaces are not allowed')
      .send(aRequest());
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('Idempotency-Key');
  });
});
