import { startApi, TestApi } from '../support/app';
import { aListing, aRegistration, Party, registerParty } from '../support/factories';

/** Issue #9 point 6: bad input gives a 400 naming the field, and secrets stay out of the logs. */
describe('input and output hygiene (e2e)', () => {
  let api: TestApi;
  let coop: Party;

  beforeAll(async () => {
    api = await startApi('api');
    coop = await registerParty(api.http, { type: 'cooperative' });
  });
  afterAll(() => api.close());

  const cursor = (raw: string) => Buffer.from(raw).toString('base64url');

  it('refuses a NUL byte in a text field with 400 naming the field, storing nothing', async () => {
    const res = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ notes: 'panen\u0000minggu ini' }));
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'notes' })]);
    const [{ n }] = await api.dataSource.query(
      `SELECT count(*)::int AS n FROM supply_listings WHERE organization_id = $1`,
      [coop.organization.id],
    );
    expect(n).toBe(0);
  });

  it('refuses other control characters in nested fields, but accepts tab and newlines', async () => {
    const bell = aRegistration();
    bell.organization.name = 'Koperasi \u0007Tani';
    const res = await api.http.post('/api/v1/auth/register').send(bell);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'organization.name' })]);
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ notes: 'baris satu\r\nbaris\tdua' }))
      .expect(201);
  });

  it.each([
    ['a garbage cursor', '/api/v1/supply-listings?cursor=garbage'],
    [
      'a cursor whose date is out of range',
      `/api/v1/supply-listings?cursor=${cursor('+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000')}`,
    ],
    [
      'a cursor from before the platform existed',
      `/api/v1/demand-requests?cursor=${cursor('-000001-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000')}`,
    ],
    ['an inbox cursor beyond int64', '/api/v1/notifications?cursor=99999999999999999999999'],
    ['a garbage region cursor', '/api/v1/regions?cursor=garbage'],
  ])('refuses %s with 400 naming cursor', async (_what, url) => {
    const res = await api.http.get(url).set(coop.auth);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'cursor' })]);
  });
});
