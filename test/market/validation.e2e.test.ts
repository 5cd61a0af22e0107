import { startApi, TestApi } from '../support/app';
import {
  aListing,
  aRegistration,
  aRequest,
  daysFromNow,
  Party,
  registerParty,
} from '../support/factories';

interface ErrorBody {
  statusCode: number;
  code: string;
  details?: { field: string; message: string }[];
  correlationId: string;
}

/**
 * Bad input is a 4xx that names the offending fields, never a 5xx, and never changes anything:
 * each case is checked against the row counts of the tables it could have touched.
 */
describe('input validation (e2e)', () => {
  let api: TestApi;
  let coop: Party;
  let buyer: Party;
  let listingId: string;
  let requestId: string;

  const counts = async () => {
    const [row] = await api.dataSource.query(
      `SELECT (SELECT count(*) FROM supply_listings)::int AS listings,
              (SELECT count(*) FROM demand_requests)::int AS requests,
              (SELECT count(*) FROM organizations)::int AS organizations,
              (SELECT count(*) FROM users)::int AS users,
              (SELECT count(*) FROM outbox_events)::int AS events,
              (SELECT max(updated_at) FROM supply_listings) AS "listingsUpdated",
              (SELECT max(updated_at) FROM demand_requests) AS "requestsUpdated"`,
    );
    return row as Record<string, unknown>;
  };

  const expectRejected = async (
    send: () => PromiseLike<{ status: number; body: ErrorBody }>,
    fields: string[],
    status = 400,
  ) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.statusCode).toBe(status);
    expect(res.body.correlationId).toEqual(expect.any(String));
    const named = (res.body.details ?? []).map((d) => d.field);
    for (const field of fields) expect(named).toContain(field);
    expect(await counts()).toEqual(before);
    return res.body;
  };

  beforeAll(async () => {
    api = await startApi();
    coop = await registerParty(api.http, { type: 'cooperative' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
    listingId = (
      await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201)
    ).body.id;
    requestId = (
      await api.http.post('/api/v1/demand-requests').set(buyer.auth).send(aRequest()).expect(201)
    ).body.id;
  });
  afterAll(() => api.close());

  const postListing = (body: unknown) =>
    api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(body as object);
  const postRequest = (body: unknown) =>
    api.http
      .post('/api/v1/demand-requests')
      .set(buyer.auth)
      .send(body as object);

  it.each([
    ['an unknown commodity', { commodityCode: 'durian_montong' }, ['commodityCode']],
    ['a grade the commodity does not have', { grade: 'premium' }, ['grade']],
    ['a grade on an ungraded commodity', { commodityCode: 'minyakita', grade: 'I' }, ['grade']],
    ['an unknown region', { originRegionCode: '99.99' }, ['originRegionCode']],
    ['a malformed region code', { originRegionCode: 'Malang' }, ['originRegionCode']],
    ['a quantity of zero', { quantity: 0 }, ['quantity']],
    ['a negative quantity', { quantity: -5 }, ['quantity']],
    ['a fractional quantity', { quantity: 10.5 }, ['quantity']],
    ['a huge quantity', { quantity: 1e30 }, ['quantity']],
    ['a quantity sent as a string', { quantity: '5000' }, ['quantity']],
    ['a price of zero', { pricePerUnit: 0 }, ['pricePerUnit']],
    ['a fractional price', { pricePerUnit: 32000.5 }, ['pricePerUnit']],
    ['a huge price', { pricePerUnit: Number.MAX_SAFE_INTEGER }, ['pricePerUnit']],
    [
      'a minimum order above the quantity',
      { quantity: 100, minOrderQuantity: 101 },
      ['minOrderQuantity'],
    ],
    [
      'a window that ends before it starts',
      { availableFrom: daysFromNow(5), availableUntil: daysFromNow(1) },
      ['availableUntil'],
    ],
    [
      'a window already over',
      { availableFrom: daysFromNow(-5), availableUntil: daysFromNow(-1) },
      ['availableUntil'],
    ],
    ['a date that is not a date', { availableFrom: 'tomorrow' }, ['availableFrom']],
    ['a harvest after the window', { harvestedAt: daysFromNow(30) }, ['harvestedAt']],
    ['an unknown field', { colour: 'red' }, ['colour']],
    ['a read-only field', { remainingQuantity: 1 }, ['remainingQuantity']],
    ['overlong notes', { notes: 'x'.repeat(2001) }, ['notes']],
  ])('rejects a listing with %s', async (_name, overrides, fields) => {
    await expectRejected(() => postListing(aListing(overrides)), fields);
  });

  it('names every missing required field of a listing at once', async () => {
    const body = await expectRejected(
      () => postListing({}),
      [
        'commodityCode',
        'quantity',
        'pricePerUnit',
        'originRegionCode',
        'availableFrom',
        'availableUntil',
      ],
    );
    expect(body.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['an unknown commodity', { commodityCode: 'durian_montong' }, ['commodityCode']],
    ['an unknown minimum grade', { minGrade: 'A+' }, ['minGrade']],
    ['an unknown destination', { destinationRegionCode: '21.99' }, ['destinationRegionCode']],
    ['a zero quantity', { quantity: 0 }, ['quantity']],
    ['a negative maximum price', { maxPricePerUnit: -1 }, ['maxPricePerUnit']],
    ['a deliverBy in the past', { deliverBy: daysFromNow(-1) }, ['deliverBy']],
    [
      'a deliverFrom after deliverBy',
      { deliverFrom: daysFromNow(9), deliverBy: daysFromNow(3) },
      ['deliverFrom'],
    ],
    [
      'a negative shelf-life requirement',
      { minShelfLifeDaysOnArrival: -1 },
      ['minShelfLifeDaysOnArrival'],
    ],
    ['a boolean quantity', { quantity: true }, ['quantity']],
    ['an array as a price', { maxPricePerUnit: [60000] }, ['maxPricePerUnit']],
  ])('rejects a request with %s', async (_name, overrides, fields) => {
    await expectRejected(() => postRequest(aRequest(overrides)), fields);
  });

  it('rejects updates that break a rule, that null a required field or change the commodity', async () => {
    const patchListing = (body: object) =>
      api.http.patch(`/api/v1/supply-listings/${listingId}`).set(coop.auth).send(body);
    await expectRejected(() => patchListing({ minOrderQuantity: 6000 }), ['minOrderQuantity']);
    await expectRejected(() => patchListing({ quantity: null }), ['quantity']);
    await expectRejected(() => patchListing({ commodityCode: 'bawang_merah' }), ['commodityCode']);
    await expectRejected(
      () => patchListing({ availableUntil: daysFromNow(-1) }),
      ['availableUntil'],
    );
    const patchRequest = (body: object) =>
      api.http.patch(`/api/v1/demand-requests/${requestId}`).set(buyer.auth).send(body);
    await expectRejected(() => patchRequest({ deliverFrom: daysFromNow(20) }), ['deliverFrom']);
    await expectRejected(() => patchRequest({ maxPricePerUnit: 0 }), ['maxPricePerUnit']);
  });

  it('rejects malformed JSON, non-JSON bodies and bad path ids without a 5xx', async () => {
    const before = await counts();
    const malformed = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Content-Type', 'application/json')
      .send('{"commodityCode": "cabai_merah_keriting", ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('MALFORMED_JSON');
    const array = await api.http.post('/api/v1/supply-listings').set(coop.auth).send([aListing()]);
    expect(array.status).toBe(400);
    const text = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Content-Type', 'text/plain')
      .send('hello');
    expect(text.status).toBe(400);
    const badId = await api.http.get('/api/v1/supply-listings/not-a-uuid').set(coop.auth);
    expect(badId.status).toBe(400);
    expect(badId.body.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    const huge = await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...aListing(), notes: 'x'.repeat(2_000_000) }));
    expect(huge.status).toBe(413);
    expect(await counts()).toEqual(before);
  });

  it('rejects bad list queries naming the parameter', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['status=sold', 'status'],
      ['cursor=%%%', 'cursor'],
      ['mine=maybe', 'mine'],
      ['originRegionCode=Java', 'originRegionCode'],
      ['unknown=1', 'unknown'],
    ]) {
      const res = await api.http.get(`/api/v1/supply-listings?${query}`).set(coop.auth);
      expect([query, res.status]).toEqual([query, 400]);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('rejects a bad registration naming nested fields', async () => {
    const reg = aRegistration();
    const body = await expectRejected(
      () =>
        api.http.post('/api/v1/auth/register').send({
          organization: { ...reg.organization, type: 'bank', regionCode: '99.99' },
          user: { ...reg.user, email: 'not-an-email', password: 'short' },
        }),
      ['organization.type', 'user.email', 'user.password'],
    );
    expect(body.code).toBe('VALIDATION_FAILED');
    await expectRejected(
      () =>
        api.http
          .post('/api/v1/auth/register')
          .send({ ...reg, organization: { ...reg.organization, regionCode: '99.99' } }),
      ['organization.regionCode'],
    );
    await expectRejected(
      () => api.http.post('/api/v1/auth/register').send({ user: reg.user }),
      ['organization'],
    );
  });
});
