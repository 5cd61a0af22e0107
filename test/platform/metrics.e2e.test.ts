import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, registerParty } from '../support/factories';

describe('observability (e2e)', () => {
  let api: TestApi;

  const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
  const scraper = { Authorization: `Bearer ${METRICS_TOKEN}` };

  beforeAll(async () => {
    api = await withEnv({ METRICS_TOKEN }, () => startApi('all'));
  });
  afterAll(() => api.close());

  it('serves Prometheus metrics: HTTP latency by route, queue depths, matching runs, outbox lag', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    await api.http
      .get('/api/v1/supply-listings/00000000-0000-4000-8000-000000000000')
      .set(coop.auth)
      .expect(404);
    const res = await api.http.get('/metrics').set(scraper).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    const text = res.text;
    expect(text).toMatch(
      /jembatan_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/supply-listings",status="201"\} \d+/,
    );
    expect(text).toMatch(
      /jembatan_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/supply-listings\/:id",status="404"\} \d+/,
    );
    expect(text).toMatch(/jembatan_queue_jobs\{queue="matching",state="waiting"\} \d+/);
    expect(text).toMatch(/jembatan_outbox_lag_seconds [\d.e+-]+/);
    expect(text).toContain('jembatan_matching_run_seconds');
    expect(text).toContain('jembatan_job_duration_seconds');
  });

  it('serves metrics only to a scraper with METRICS_TOKEN (issue #9: they were public)', async () => {
    expect((await api.http.get('/metrics')).status).toBe(401);
    expect((await api.http.get('/metrics').set('Authorization', 'Bearer wrong-token')).status).toBe(
      401,
    );
    const party = await registerParty(api.http);
    expect((await api.http.get('/metrics').set(party.auth)).status).toBe(401); // a user is no scraper
  });

  it('does not serve metrics on the API port when no token is configured', async () => {
    const open = await startApi('api');
    try {
      expect((await open.http.get('/metrics')).status).toBe(404);
    } finally {
      await open.close();
    }
  });
});
