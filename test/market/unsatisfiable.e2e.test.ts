import { startApi, TestApi } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';

interface Problem {
  field: string;
  message: string;
  rule?: string;
  best?: string | number;
}

const HOUR = 3600_000;

/**
 * Issue #8: "impossible requests are accepted silently" (fresh chili with 30 days of shelf life
 * on arrival got 201; only the why-not endpoint later said it could not be). Refused at the door
 * now, with the rule and the best value possible, and nothing written.
 */
describe('requests and listings no transport option could satisfy (e2e)', () => {
  let api: TestApi;
  let coop: Party;
  let batam: Party;

  const counts = async () =>
    (
      await api.dataSource.query(
        `SELECT (SELECT count(*) FROM supply_listings)::int AS listings,
                (SELECT count(*) FROM demand_requests)::int AS requests,
                (SELECT count(*) FROM outbox_events)::int AS events,
                (SELECT max(updated_at) FROM demand_requests) AS "requestsUpdated"`,
      )
    )[0] as Record<string, unknown>;

  const refused = async (send: () => PromiseLike<{ status: number; body: unknown }>) => {
    const before = await counts();
    const res = await send();
    expect(await counts()).toEqual(before);
    return res as { status: number; body: { code: string; message: string; details: Problem[] } };
  };

  beforeAll(async () => {
    api = await startApi();
    coop = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    batam = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  const postRequest = (body: object) =>
    api.http.post('/api/v1/demand-requests').set(batam.auth).send(body);

  it('refuses fresh chili with 30 days of shelf life on arrival, offering the most possible', async () => {
    const res = await refused(() => postRequest(aRequest({ minShelfLifeDaysOnArrival: 30 })));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('UNSATISFIABLE');
    const [problem] = res.body.details;
    expect(problem).toMatchObject({ field: 'minShelfLifeDaysOnArrival', rule: 'shelf_life' });
    // Days on arrival are ambient days once unloaded (cold days do not carry over into the
    // market): chili keeps 3, and no trip adds any.
    expect(problem.best).toBeGreaterThan(2);
    expect(problem.best).toBeLessThanOrEqual(3);
    expect(problem.message).toContain(`at most ${Number(problem.best).toFixed(1)} days`);

    // The whole days at or below the best are accepted.
    await postRequest(
      aRequest({ minShelfLifeDaysOnArrival: Math.floor(Number(problem.best)) }),
    ).expect(201);
  });

  it('refuses a deliverBy no transport from anywhere can meet, and accepts the one it offers', async () => {
    const res = await refused(() =>
      // An hour: not even a truck within Batam itself (the fastest route of all) makes it.
      postRequest(aRequest({ deliverBy: new Date(Date.now() + HOUR).toISOString() })),
    );
    expect(res.status).toBe(422);
    const [problem] = res.body.details;
    expect(problem).toMatchObject({ field: 'deliverBy', rule: 'window' });
    expect(Date.parse(String(problem.best))).toBeGreaterThan(Date.now() + HOUR);
    await postRequest(aRequest({ deliverBy: problem.best })).expect(201);
  });

  it('refuses an edit that makes a request impossible and leaves it as it was', async () => {
    const request = (await postRequest(aRequest()).expect(201)).body;
    const res = await refused(() =>
      api.http
        .patch(`/api/v1/demand-requests/${request.id}`)
        .set(batam.auth)
        .send({ minShelfLifeDaysOnArrival: 20 }),
    );
    expect(res.status).toBe(422);
    expect(res.body.details[0].field).toBe('minShelfLifeDaysOnArrival');
    const after = await api.http
      .get(`/api/v1/demand-requests/${request.id}`)
      .set(batam.auth)
      .expect(200);
    expect(after.body.minShelfLifeDaysOnArrival).toBe(1);
  });

  it('refuses a listing whose goods spoil before they could arrive anywhere', async () => {
    // Chili keeps 3 days ambient; harvested 5 days ago it is gone before any truck leaves.
    const res = await refused(() =>
      api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ harvestedAt: daysFromNow(-5) })),
    );
    expect(res.status).toBe(422);
    expect(res.body.details[0]).toMatchObject({ field: 'harvestedAt', rule: 'shelf_life' });
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(aListing({ harvestedAt: daysFromNow(-1) }))
      .expect(201);
  });

  it.each([
    ['deliverBy', () => aRequest({ deliverBy: '2030-12-01T10:00:00' })],
    [
      'deliverFrom',
      () => aRequest({ deliverFrom: '2030-11-20T10:00:00.000', deliverBy: '2030-12-01T10:00:00Z' }),
    ],
  ])('refuses a %s without a UTC offset with 400 naming it', async (field, body) => {
    const res = await refused(() => postRequest(body()));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toEqual([field]);
  });

  it('refuses listing dates without a UTC offset and accepts them with one', async () => {
    const res = await refused(() =>
      api.http
        .post('/api/v1/supply-listings')
        .set(coop.auth)
        .send(aListing({ availableUntil: '2030-12-01T10:00:00' })),
    );
    expect(res.status).toBe(400);
    expect(res.body.details.map((d) => d.field)).toEqual(['availableUntil']);
    await api.http
      .post('/api/v1/supply-listings')
      .set(coop.auth)
      .send(
        aListing({
          availableUntil: new Date(Date.now() + 5 * 24 * HOUR).toISOString().replace('Z', '+00:00'),
        }),
      )
      .expect(201);
  });
});
