import { randomUUID } from 'node:crypto';
import { MatchingService } from '../../src/matching/matching.service';
import { OutboxRelay } from '../../src/outbox/outbox.relay';
import { startApi, TestApi, withEnv } from '../support/app';
import { aListing, registerParty } from '../support/factories';
import { waitFor } from '../support/wait';

/** The value of one sample line (name and exact labels), or undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('observability (e2e)', () => {
  let api: TestApi;

  const METRICS_TOKEN = 'scrape-token-0123456789abcdef';
  const scraper = { Authorization: `Bearer ${METRICS_TOKEN}` };

  beforeAll(async () => {
    api = await withEnv({ METRICS_TOKEN }, () => startApi('all'));
  });
  afterAll(() => api.close());

  const scrape = async () => {
    const res = await api.http.get('/metrics').set(scraper).expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    return res.text;
  };

  it('serves Prometheus metrics: HTTP latency by route, queue depths, matching runs, job durations', async () => {
    const coop = await registerParty(api.http, { type: 'cooperative' });
    await api.http.post('/api/v1/supply-listings').set(coop.auth).send(aListing()).expect(201);
    await api.http
      .get('/api/v1/supply-listings/00000000-0000-4000-8000-000000000000')
      .set(coop.auth)
      .expect(404);
    await api.app.get(MatchingService).reoptimize('cabai_merah_keriting');
    // Samples, not the HELP/TYPE lines every registered metric prints: each must have counted.
    const text = await waitFor(
      async () => {
        const text = await scrape();
        return (
          (sample(
            text,
            // The listing's event travels in the market lane (job-catalog.ts EVENT_JOBS).
            'jembatan_job_duration_seconds_count{queue="market-events",job="market-event",outcome="completed"}',
          ) ?? 0) > 0 && text
        );
      },
      { what: 'a processed domain event in the metrics' },
    );
    expect(
      sample(
        text,
        'jembatan_http_request_duration_seconds_count{method="POST",route="/api/v1/supply-listings",status="201"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'jembatan_http_request_duration_seconds_count{method="GET",route="/api/v1/supply-listings/:id",status="404"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'jembatan_queue_jobs{queue="matching",state="waiting"}'),
    ).toBeGreaterThanOrEqual(0);
    expect(
      sample(text, 'jembatan_matching_run_seconds_count{commodity="cabai_merah_keriting"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the age of the oldest unrelayed outbox event as the outbox lag', async () => {
    // With the relay running, everything gets relayed: the lag falls to 0.
    await waitFor(async () => sample(await scrape(), 'jembatan_outbox_lag_seconds') === 0, {
      what: 'an outbox lag of 0',
    });
    // Stop the relay, then leave one event two minutes old unrelayed.
    await api.app.get(OutboxRelay).onModuleDestroy();
    const id = randomUUID();
    await api.dataSource.query(
      `INSERT INTO outbox_events (id, type, aggregate_type, aggregate_id, payload, created_at)
       VALUES ($1, 'test.lag', 'test', $1, '{}', now() - interval '120 seconds')`,
      [id],
    );
    try {
      const lag = sample(await scrape(), 'jembatan_outbox_lag_seconds');
      expect(lag).toBeGreaterThanOrEqual(120);
      expect(lag).toBeLessThan(600);
    } finally {
      await api.dataSource.query(`DELETE FROM outbox_events WHERE id = $1`, [id]);
    }
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
