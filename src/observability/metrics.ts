import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Every metric of a process, in one registry. The API serves it at /metrics; a worker process
 * serves it on METRICS_PORT (it has no other HTTP).
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const httpDuration = new Histogram({
  name: 'jembatan_http_request_duration_seconds',
  help: 'HTTP request latency by route',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const jobDuration = new Histogram({
  name: 'jembatan_job_duration_seconds',
  help: 'Job processing time by queue, job name and outcome',
  labelNames: ['queue', 'job', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

export const matchingRunSeconds = new Histogram({
  name: 'jembatan_matching_run_seconds',
  help: 'Engine time of one re-optimisation, by commodity',
  labelNames: ['commodity'] as const,
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const marketSize = new Gauge({
  name: 'jembatan_market_size',
  help: 'Open listings and requests in the last run, by commodity',
  labelNames: ['commodity', 'side'] as const,
  registers: [registry],
});

/**
 * Fair rationing (#12): what the last run of a `fair` commodity gave up against the max-gain
 * optimum (rupiah of real gain and percent of it), and the smallest fill ratio it left any
 * servable request.
 */
export const priceOfFairnessRupiah = new Gauge({
  name: 'jembatan_matching_price_of_fairness_rupiah',
  help: 'Gain given up by fair rationing in the last run versus the max-gain optimum, by commodity',
  labelNames: ['commodity'] as const,
  registers: [registry],
});

export const priceOfFairnessPercent = new Gauge({
  name: 'jembatan_matching_price_of_fairness_percent',
  help: 'Gain given up by fair rationing in the last run, percent of the max-gain optimum',
  labelNames: ['commodity'] as const,
  registers: [registry],
});

export const minFillRatio = new Gauge({
  name: 'jembatan_matching_min_fill_ratio',
  help: 'Smallest allocated/requested over servable requests in the last fair run, by commodity',
  labelNames: ['commodity'] as const,
  registers: [registry],
});

export const liveMarketRuns = new Counter({
  name: 'jembatan_live_market_runs_total',
  help: 'Re-optimisations by what the live market made of them: settled (no solve), answered (its allocation proposed, no solve) or solved',
  labelNames: ['commodity', 'outcome'] as const,
  registers: [registry],
});

export const liveMarketBuilds = new Counter({
  name: 'jembatan_live_market_builds_total',
  help: 'Live markets built from PostgreSQL (new owner, new network version or inputs, age)',
  labelNames: ['commodity'] as const,
  registers: [registry],
});

export const webhookDeliveries = new Counter({
  name: 'jembatan_webhook_attempts_total',
  help: 'Webhook delivery attempts by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** Times a job and records its outcome; rethrows so BullMQ still sees failures. */
export async function timeJob<T>(queue: string, job: string, run: () => Promise<T>): Promise<T> {
  const stop = jobDuration.startTimer({ queue, job });
  try {
    const result = await run();
    stop({ outcome: 'completed' });
    return result;
  } catch (error) {
    stop({ outcome: 'failed' });
    throw error;
  }
}
