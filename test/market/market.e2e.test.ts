import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, registerParty } from '../support/factories';

describe('market API (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('registers each kind of organization and knows who is calling', async () => {
    for (const type of ['cooperative', 'procurement', 'trader', 'government'] as const) {
      const party = await registerParty(api.http, {
        type,
        regionCode: type === 'procurement' ? '21.71' : '35.07',
      });
      const me = await api.http.get('/api/v1/me').set(party.auth).expect(200);
      expect(me.body.organization).toMatchObject({ id: party.organization.id, type });
      expect(me.body.user.email).toBe(party.user.email);
      expect(me.body.user).not.toHaveProperty('passwordHash');
    }
  });

  it('logs a registered user in, and refuses a wrong password without saying which part was wrong', async () => {
    const reg = await api.http
      .post('/api/v1/auth/register')
      .send({
        organization: { name: 'KUD Sumber Makmur', type: 'cooperative', regionCode: '35.07' },
        user: { email: 'Login.Test@Example.id', password: 'a long enough secret', name: 'Siti' },
      })
      .expect(201);
    expect(reg.body.accessToken).toEqual(expect.any(String));
    const ok = await api.http
      .post('/api/v1/auth/login')
      .send({ email: 'login.test@example.id', password: 'a long enough secret' })
      .expect(200);
    await api.http
      .get('/api/v1/me')
      .set('Authorization', `Bearer ${ok.body.accessToken}`)
      .expect(200);
    const wrong = await api.http
      .post('/api/v1/auth/login')
      .send({ email: 'login.test@example.id', password: 'not the secret' })
      .expect(401);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    const unknown = await api.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.id', password: 'not the secret' })
      .expect(401);
    expect(unknown.body.message).toBe(wrong.body.message);
  });

  it('refuses a second registration with the same email as a conflict', async () => {
    const body = {
      organization: { name: 'Dup', type: 'trader', regionCode: '35.07' },
      user: { email: 'dup@example.id', password: 'a long enough secret', name: 'Dup' },
    };
    await api.http.post('/api/v1/auth/register').send(body).expect(201);
    const res = await api.http.post('/api/v1/auth/register').send(body).expect(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
  });

  it('serves reference regions and commodities', async () => {
    const malang = await api.http.get('/api/v1/regions/35.07').expect(200);
    expect(malang.body).toMatchObject({
      name: 'Kabupaten Malang',
      type: 'regency',
      provinceCode: '35',
      islandGroup: 'java',
    });
    const search = await api.http.get('/api/v1/regions?q=batam').expect(200);
    expect(search.body.items.map((r: { code: string }) => r.code)).toEqual(['21.71']);
    const cities = await api.http
      .get('/api/v1/regions?type=city&provinceCode=35&limit=100')
      .expect(200);
    expect(cities.body.items.length).toBe(9);
    expect(cities.body.items.every((r: { type: string }) => r.type === 'city')).toBe(true);

    const seen = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { code: string }[]; nextCursor: string | null } } =
        await api.http
          .get('/api/v1/regions')
          .query({ limit: 100, ...(cursor ? { cursor } : {}) })
          .expect(200);
      page.body.items.forEach((r) => seen.add(r.code));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(552);

    const commodities = await api.http.get('/api/v1/commodities').expect(200);
    expect(commodities.body.items).toHaveLength(21);
    const chili = await api.http.get('/api/v1/commodities/cabai_merah_keriting').expect(200);
    expect(chili.body).toMatchObject({
      unit: 'kg',
      grades: ['super', 'I', 'II'],
      shelfLifeDaysAmbient: 3,
      shelfLifeDaysCold: 14,
    });
    await api.http.get('/api/v1/commodities/durian').expect(404);
  });

  it('lets a Malang cooperative post, read, update and withdraw a listing', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    const created = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing())
      .expect(201);
    expect(created.body).toMatchObject({
      commodityCode: 'cabai_merah_keriting',
      grade: 'I',
      quantity: 5000,
      remainingQuantity: 5000,
      unit: 'kg',
      pricePerUnit: 32000,
      originRegionCode: '35.07',
      status: 'open',
      organizationId: coop.organization.id,
      minOrderQuantity: null,
    });
    const id = created.body.id as string;

    const read = await api.http.get(`/api/v1/supply-listings/${id}`).set(coop.auth).expect(200);
    expect(read.body).toEqual(created.body);

    const updated = await api.http
      .patch(`/api/v1/supply-listings/${id}`)
      .set(coop.auth)
      .send({ quantity: 6000, pricePerUnit: 31000, minOrderQuantity: 500 })
      .expect(200);
    expect(updated.body).toMatchObject({
      quantity: 6000,
      remainingQuantity: 6000,
      pricePerUnit: 31000,
      minOrderQuantity: 500,
    });

    const withdrawn = await api.http
      .post(`/api/v1/supply-listings/${id}/withdraw`)
      .set(coop.auth)
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
    const again = await api.http
      .post(`/api/v1/supply-listings/${id}/withdraw`)
      .set(coop.auth)
      .expect(409);
    expect(again.body.code).toBe('NOT_OPEN');
    await api.http
      .patch(`/api/v1/supply-listings/${id}`)
      .set(coop.auth)
      .send({ quantity: 1 })
      .expect(409);
  });

  it('lets a Batam procurement office post, update and withdraw a request', async () => {
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const created = await api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(aRequest())
      .expect(201);
    expect(created.body).toMatchObject({
      minGrade: 'II',
      quantity: 3000,
      remainingQuantity: 3000,
      maxPricePerUnit: 60000,
      destinationRegionCode: '21.71',
      minShelfLifeDaysOnArrival: 1,
      deliverFrom: null,
      status: 'open',
    });
    const id = created.body.id as string;
    const updated = await api.http
      .patch(`/api/v1/demand-requests/${id}`)
      .set(buyer.auth)
      .send({ maxPricePerUnit: 65000, deliverFrom: daysFromNow(2), minShelfLifeDaysOnArrival: 2 })
      .expect(200);
    expect(updated.body).toMatchObject({ maxPricePerUnit: 65000, minShelfLifeDaysOnArrival: 2 });
    expect(updated.body.deliverFrom).not.toBeNull();
    const cleared = await api.http
      .patch(`/api/v1/demand-requests/${id}`)
      .set(buyer.auth)
      .send({ deliverFrom: null })
      .expect(200);
    expect(cleared.body.deliverFrom).toBeNull();
    const withdrawn = await api.http
      .post(`/api/v1/demand-requests/${id}/withdraw`)
      .set(buyer.auth)
      .expect(200);
    expect(withdrawn.body.status).toBe('withdrawn');
  });

  it('lets only the right kinds of organization post each side', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const trader = await registerParty(api.http, { type: 'trader' });
    const gov = await registerParty(api.http, { type: 'government' });
    await api.http.post('/api/v1/demand-requests').set(coop.auth).send(aRequest()).expect(403);
    await api.http.post('/api/v1/supply-listings').set(buyer.auth).send(aListing()).expect(403);
    await api.http.post('/api/v1/supply-listings').set(gov.auth).send(aListing()).expect(403);
    await api.http.post('/api/v1/demand-requests').set(gov.auth).send(aRequest()).expect(403);
    await api.http.post('/api/v1/supply-listings').set(trader.auth).send(aListing()).expect(201);
    await api.http.post('/api/v1/demand-requests').set(trader.auth).send(aRequest()).expect(201);
  });

  it('filters and pages listings newest first without gaps or repeats', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const body =
        i % 2 === 0
          ? aListing({ quantity: 100 + i })
          : aListing({
              commodityCode: 'bawang_merah',
              originRegionCode: '33.29',
              quantity: 100 + i,
            });
      const res = await api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(body)
        .expect(201);
      ids.push(res.body.id);
    }
    await api.http.post(`/api/v1/supply-listings/${ids[0]}/withdraw`).set(coop.auth).expect(200);

    const collected: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.http
        .get('/api/v1/supply-listings')
        .set(coop.auth)
        .query({ limit: 3, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(3);
      collected.push(...res.body.items.map((l) => l.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(collected).toEqual([...ids].reverse());

    const chili = await api.http
      .get('/api/v1/supply-listings?commodityCode=cabai_merah_keriting')
      .set(coop.auth)
      .expect(200);
    expect(chili.body.items).toHaveLength(4);
    const open = await api.http
      .get('/api/v1/supply-listings?commodityCode=cabai_merah_keriting&status=open')
      .set(coop.auth)
      .expect(200);
    expect(open.body.items).toHaveLength(3);
    const centralJava = await api.http
      .get('/api/v1/supply-listings?originRegionCode=33')
      .set(coop.auth)
      .expect(200);
    expect(centralJava.body.items).toHaveLength(3);
    const brebes = await api.http
      .get('/api/v1/supply-listings?originRegionCode=33.29&mine=true')
      .set(coop.auth)
      .expect(200);
    expect(brebes.body.items).toHaveLength(3);
  });

  it('keeps reads of one organization free of the others', async () => {
    const a = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    const b = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    await api.http.post('/api/v1/demand-requests').set(a.auth).send(aRequest()).expect(201);
    const list = await api.http.get('/api/v1/demand-requests').set(b.auth).expect(200);
    expect(list.body).toEqual({ items: [], nextCursor: null });
  });

  it('answers health checks and serves the OpenAPI document', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.checks).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
    const doc = await api.http.get('/docs/openapi.json').expect(200);
    const paths = Object.keys(doc.body.paths);
    for (const path of [
      '/api/v1/auth/register',
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/regions',
      '/api/v1/regions/{code}',
      '/api/v1/commodities',
      '/api/v1/commodities/{code}',
      '/api/v1/supply-listings',
      '/api/v1/supply-listings/{id}',
      '/api/v1/supply-listings/{id}/withdraw',
      '/api/v1/demand-requests',
      '/api/v1/demand-requests/{id}',
      '/api/v1/demand-requests/{id}/withdraw',
      '/health/live',
      '/health/ready',
    ]) {
      expect(paths).toContain(path);
    }
    await api.http.get('/docs').expect(200);
  });

  it('echoes a correlation id given by the caller, in the header and in error bodies', async () => {
    const res = await api.http
      .get('/api/v1/me')
      .set('x-correlation-id', 'client-trace-123')
      .expect(401);
    expect(res.headers['x-correlation-id']).toBe('client-trace-123');
    expect(res.body).toEqual({
      statusCode: 401,
      code: 'UNAUTHORIZED',
      message: expect.any(String),
      correlationId: 'client-trace-123',
    });
  });
});
