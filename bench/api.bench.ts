/* HTTP API benchmark: npm run bench:api
 * (npm run build && npx ts-node --transpile-only bench/api.bench.ts
 *    [--duration 10] [--connections 50] [--listings 2000] [--rate 100] [--wait 30] [--burst]).
 *
 * autocannon against a running instance of the built app (node dist/main.js, APP_ROLE=all: API,
 * outbox relay and matching worker in one process), started here as a CHILD PROCESS so that the
 * load generator does not share the app's event loop (it still shares the machine's cores, as do
 * PostgreSQL and Redis: the machine is printed). Its own database (jembatan_bench_api, dropped
 * and re-created, migrated and seeded) and Redis prefix (jembatan-bench-api, emptied first): it
 * never touches development, test or bench:flow data.
 *
 * Seeded through the API: a Malang cooperative with --listings listings spread evenly over four
 * commodities (chili, shallot, rice, eggs), and a Batam procurement office. Then, --duration
 * seconds each:
 *  (a) ceiling: GET /health/live, a bare Nest route (middleware, guards, no database), measured
 *      in the same run as the ceiling of this machine; every other row is a ratio to it;
 *  (b) listing search: GET /api/v1/supply-listings?commodityCode=cabai_merah_keriting&limit=20
 *      as the cooperative (listings are visible to their owner: a quarter of the seed matches);
 *  (c) listing creation: POST /api/v1/supply-listings (shallot, quantity varied per request), as
 *      fast as --connections connections go; its re-optimisation runs in the same process;
 *  (d) the post-to-notification flow at --rate writes/s: POST /api/v1/demand-requests of 100 kg
 *      of chili (always matchable against the cooperative's supply) with autocannon's
 *      overallRate. autocannon's rate is per connection and per second, all connections in the
 *      same phase: left alone, each second starts with a burst of --rate requests. Here one
 *      request per connection per second, the connections' phases spread over the second, so the
 *      arrivals are even (--burst keeps autocannon's bursts). After the run, from the database
 *      alone: the created_at of the buyer's first match.proposed notification naming each posted
 *      request, minus that request's created_at (both on the database clock), as in bench:flow.
 *  (a') the ceiling again at the end: how far the machine's capacity drifted during the run (other
 *      work on the machine shows here; the ratios are to (a)).
 * Latencies are every response's time as autocannon measures it (write to last byte, float ms),
 * taken from its 'response' events; requests/s is completed responses over the run's duration.
 * The queues are let to settle between runs, so one run's backlog does not slow the next.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { clearRedisPrefix, resetDatabase as resetBenchDatabase } from '../test/support/environment';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import type { OrgType } from '../test/support/factories';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
const BENCH_DATABASE = 'jembatan_bench_api';
const BENCH_DATABASE_URL = `${POSTGRES_URL}/${BENCH_DATABASE}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const BENCH_REDIS_PREFIX = 'jembatan-bench-api';
const ROOT = resolve(__dirname, '..');
const APP_ENTRY = join(ROOT, 'dist', 'main.js');
const APP_LOG = join(tmpdir(), 'jembatan-bench-api.log');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const raw = at >= 0 ? process.argv[at + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const DURATION = option('duration', 10); // seconds per measurement
const CONNECTIONS = Math.round(option('connections', 50));
const LISTINGS = Math.round(option('listings', 2000));
const RATE = Math.round(option('rate', 100)); // demand requests per second in (d)
const WAIT_MS = option('wait', 30) * 1000; // after (d), for the last notifications
const BURST = process.argv.includes('--burst');
const WARM_UP_S = 2;
const SEED_CONCURRENCY = 16;
const REQUEST_QUANTITY = 100;
const SEARCHED = 'cabai_merah_keriting';

/** The cooperative's commodities: grade, price around which asks vary (IDR per unit). */
const SEED_COMMODITIES = [
  { commodityCode: 'cabai_merah_keriting', grade: 'I', price: 32000 },
  { commodityCode: 'bawang_merah', grade: 'I', price: 28000 },
  { commodityCode: 'beras_medium', grade: 'medium', price: 11500 },
  { commodityCode: 'telur_ayam_ras', grade: 'I', price: 24000 },
] as const;
const CREATED_COMMODITY = 'bawang_merah'; // (c): a market with no demand, not the one of (d)

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY).toISOString();

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];

interface Percentiles {
  n: number;
  p50: number;
  p99: number;
}

function percentiles(samples: number[]): Percentiles | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return { n: sorted.length, p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
}

// ---------------------------------------------------------------------------------------------
// Environment: database and Redis key space of the benchmark, fresh each run.

async function resetDatabase(): Promise<void> {
  await resetBenchDatabase(BENCH_DATABASE_URL);
}

async function resetRedis(): Promise<void> {
  await clearRedisPrefix(REDIS_URL, BENCH_REDIS_PREFIX);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

// ---------------------------------------------------------------------------------------------
// The app under test: the built code in a child process.

interface RunningApp {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
}

async function startApp(port: number): Promise<RunningApp> {
  const log = createWriteStream(APP_LOG);
  const child = spawn(process.execPath, [APP_ENTRY], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test', // the development JWT secret is accepted; nothing else differs
      APP_ROLE: 'all',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: BENCH_DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX: BENCH_REDIS_PREFIX,
      MIGRATE_ON_BOOT: 'false', // migrated and seeded above, once
      WEBHOOK_ALLOW_PRIVATE: 'true',
      // The limits stay in the path (their cost is measured) but never refuse.
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      LOGIN_FAILURES_PER_15_MINUTES: '1000000',
      // One access token serves the whole run, however long it is asked to be.
      JWT_EXPIRES_IN_SECONDS: '86400',
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const base = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = performance.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`the app exited during boot; see ${APP_LOG}`);
    try {
      const res = await fetch(`${base}/health/ready`);
      await res.text();
      if (res.status === 200) return { child, base, exited };
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app was not ready within 60 s; see ${APP_LOG}`);
    }
    await sleep(200);
  }
}

async function stopApp(app: RunningApp): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  app.child.kill('SIGTERM');
  const stopped = await Promise.race([
    app.exited.then(() => true),
    sleep(10_000).then(() => false),
  ]);
  if (!stopped) {
    app.child.kill('SIGKILL');
    await app.exited;
  }
}

// ---------------------------------------------------------------------------------------------
// Plain fetch for the set-up.

async function call(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  options: { body?: unknown; token?: string; expect: number },
): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  if (res.status !== options.expect) {
    throw new Error(`${method} ${path}: expected ${options.expect}, got ${res.status} ${text}`);
  }
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, count) }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

function listingBody(commodity: (typeof SEED_COMMODITIES)[number], i: number) {
  return {
    commodityCode: commodity.commodityCode,
    grade: commodity.grade,
    quantity: 1000 + ((i * 37) % 50) * 100, // 1,000 .. 5,900
    pricePerUnit: Math.round(commodity.price * (0.9 + ((i * 13) % 21) / 100)), // -10% .. +10%
    originRegionCode: '35.07',
    availableFrom: daysFromNow(0),
    availableUntil: daysFromNow(5),
    notes: `bench api listing ${i + 1}`,
  };
}

function demandBody(i: number) {
  return {
    commodityCode: SEARCHED,
    minGrade: 'II',
    quantity: REQUEST_QUANTITY,
    maxPricePerUnit: 60000,
    destinationRegionCode: '21.71',
    deliverBy: daysFromNow(10),
    notes: `bench api request ${i}`,
  };
}

/** Waits until the outbox is drained and every queue idle (bounded by a deadline). */
async function settle(db: Client, what: string, timeoutMs = 30_000): Promise<number> {
  const { QUEUES } = await import('../src/queue/job-catalog');
  const queues = [QUEUES.events, QUEUES.matching, QUEUES.webhooks].map(
    (name) =>
      new Queue(name, {
        prefix: BENCH_REDIS_PREFIX,
        connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
      }),
  );
  const started = performance.now();
  try {
    for (;;) {
      const { rows } = await db.query<{ pending: number }>(
        `SELECT count(*)::int AS pending FROM outbox_events WHERE published_at IS NULL`,
      );
      let busy = rows[0].pending;
      for (const q of queues) {
        const c = await q.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
        busy += c.active + c.waiting + c.delayed + c.prioritized;
      }
      const waited = performance.now() - started;
      if (busy === 0) return waited;
      if (waited > timeoutMs) {
        console.log(`warning: not settled ${timeoutMs / 1000} s after ${what} (${busy} pending)`);
        return waited;
      }
      await sleep(100);
    }
  } finally {
    await Promise.all(queues.map((q) => q.close()));
  }
}

// ---------------------------------------------------------------------------------------------
// autocannon runs.

interface Measured {
  requests: number;
  /** performance.now() at which each answered request was written (response time subtracted). */
  sentAt: number[];
  rps: number;
  latency: Percentiles | null;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  durationS: number;
}

/** The fields of autocannon's (v8) client that pace it when a rate is set. */
interface PacedClient {
  rate?: number;
  reqsMadeThisSecond: number;
  paused?: boolean;
  destroyed?: boolean;
  rateInterval?: NodeJS.Timeout;
  _doRequest?: () => void;
}

/**
 * setupClient for an even arrival rate: each connection's one-per-second budget starts at its
 * own offset within the second instead of all at t=0. Falls back to autocannon's own pacing
 * (with a warning) if its client does not have the expected fields.
 */
function evenPacing(connections: number) {
  let index = 0;
  const state = { staggered: 0, fallback: false };
  const setupClient = (client: autocannon.Client) => {
    const c = client as unknown as PacedClient;
    if (!c.rate || typeof c._doRequest !== 'function' || !('reqsMadeThisSecond' in c)) {
      state.fallback = true;
      return;
    }
    const offset = (index++ * 1000) / connections;
    c.reqsMadeThisSecond = c.rate; // its first request (sent right after this) waits for its turn
    setTimeout(() => {
      if (c.destroyed) return;
      clearInterval(c.rateInterval);
      const tick = () => {
        c.reqsMadeThisSecond = 0;
        if (c.paused && !c.destroyed) {
          c.paused = false;
          c._doRequest!();
        }
      };
      tick();
      c.rateInterval = setInterval(tick, 1000);
      state.staggered += 1;
    }, offset);
  };
  return { setupClient, state };
}

async function cannon(options: autocannon.Options): Promise<Measured> {
  const times: number[] = [];
  const sentAt: number[] = [];
  const result = await new Promise<autocannon.Result>((done, fail) => {
    const instance = autocannon(options, (error: unknown, res: autocannon.Result) =>
      error
        ? fail(error instanceof Error ? error : new Error('autocannon failed', { cause: error }))
        : done(res),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
      sentAt.push(performance.now() - responseTime);
    });
  });
  const statusCodes: Record<string, number> = {};
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = count ?? 0;
  }
  return {
    requests: times.length,
    sentAt,
    rps: times.length / result.duration,
    latency: percentiles(times),
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes,
    durationS: result.duration,
  };
}

/** Most events in any 100 ms window (fixed windows), from times in ms. */
function busiest100ms(times: number[]): number {
  const perWindow = new Map<number, number>();
  for (const t of times) {
    const w = Math.floor(t / 100);
    perWindow.set(w, (perWindow.get(w) ?? 0) + 1);
  }
  return Math.max(0, ...perWindow.values());
}

interface MatchingRuns {
  runs: number;
  runMs: Percentiles | null;
  engineMs: Percentiles | null;
  maxRunMs: number;
  largestMarket: number;
}

/** The completed re-optimisations of one commodity that finished after `since` (epoch ms). */
async function matchingRuns(commodityCode: string, since: number): Promise<MatchingRuns> {
  const { QUEUES } = await import('../src/queue/job-catalog');
  const queue = new Queue(QUEUES.matching, {
    prefix: BENCH_REDIS_PREFIX,
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
  });
  try {
    const jobs = (await queue.getJobs(['completed'], 0, -1)).filter(
      (j) =>
        (j.data as { commodityCode?: string }).commodityCode === commodityCode &&
        (j.finishedOn ?? 0) >= since,
    );
    const runMs = jobs.map((j) => (j.finishedOn ?? 0) - (j.processedOn ?? 0));
    const summaries = jobs.map(
      (j) => (j.returnvalue ?? {}) as { engineMs?: number; listings?: number; requests?: number },
    );
    return {
      runs: jobs.length,
      runMs: percentiles(runMs),
      maxRunMs: Math.max(0, ...runMs),
      engineMs: percentiles(
        summaries.flatMap((r) => (r.engineMs === undefined ? [] : [r.engineMs])),
      ),
      largestMarket: Math.max(0, ...summaries.map((r) => (r.listings ?? 0) + (r.requests ?? 0))),
    };
  } finally {
    await queue.close();
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (!existsSync(APP_ENTRY)) throw new Error(`${APP_ENTRY} is missing: run npm run build first`);
  const started = performance.now();
  const loadAtStart = loadavg();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  await resetDatabase();
  await resetRedis();
  const port = await freePort();
  // Account emails (the verification links) go to an SMTP sink in this process; the app,
  // a child process, inherits SMTP_URL.
  const { sharedMailSink } = await import('../test/support/mail-sink');
  const mail = await sharedMailSink();
  const app = await startApp(port);
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await db.connect();
    const { aRegistration } = await import('../test/support/factories');
    const base = app.base;
    console.log(
      `app ready at ${base} (pid ${app.child.pid}, log ${APP_LOG}) after ${elapsed()}; ` +
        `fresh ${BENCH_DATABASE}, prefix ${BENCH_REDIS_PREFIX}`,
    );

    // Parties and supply.
    const register = async (type: OrgType, regionCode: string, name: string) => {
      const registration = aRegistration({ type, regionCode, name });
      const body = await call(base, 'POST', '/api/v1/auth/register', {
        body: registration,
        expect: 201,
      });
      // Unverified users cannot write: follow the emailed link, as a person would.
      const token = await mail.tokenFor(registration.user.email, 'verify-email');
      await call(base, 'POST', '/api/v1/auth/verify-email', { body: { token }, expect: 200 });
      return {
        token: body.accessToken as string,
        organizationId: (body.organization as { id: string }).id,
      };
    };
    const coop = await register('cooperative', '35.07', 'KUD Cabai Malang (bench api)');
    const office = await register('procurement', '21.71', 'DKP Kota Batam (bench api)');
    const seedStarted = performance.now();
    await pool(LISTINGS, SEED_CONCURRENCY, async (i) => {
      await call(base, 'POST', '/api/v1/supply-listings', {
        token: coop.token,
        body: listingBody(SEED_COMMODITIES[i % SEED_COMMODITIES.length], i),
        expect: 201,
      });
    });
    const seedS = (performance.now() - seedStarted) / 1000;
    const settledMs = await settle(db, 'seeding');
    console.log(
      `seeded ${LISTINGS} listings (${SEED_COMMODITIES.length} commodities) in ${seedS.toFixed(1)} s ` +
        `(${(LISTINGS / seedS).toFixed(0)}/s at concurrency ${SEED_CONCURRENCY}), ` +
        `settled in ${(settledMs / 1000).toFixed(1)} s; at ${elapsed()}`,
    );

    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const json = { 'content-type': 'application/json' };
    const common = { connections: CONNECTIONS, duration: DURATION };

    // (a) The ceiling.
    const liveUrl = `${base}/health/live`;
    await cannon({ url: liveUrl, ...common, duration: WARM_UP_S });
    const ceiling = await cannon({ url: liveUrl, ...common });
    console.log(`(a) GET /health/live done at ${elapsed()}`);

    // (b) Listing search.
    const searchUrl = `${base}/api/v1/supply-listings?commodityCode=${SEARCHED}&limit=20`;
    const probe = await call(
      base,
      'GET',
      `/api/v1/supply-listings?commodityCode=${SEARCHED}&limit=20`,
      {
        token: coop.token,
        expect: 200,
      },
    );
    const pageSize = (probe.items as unknown[]).length;
    await cannon({ url: searchUrl, ...common, duration: WARM_UP_S, headers: bearer(coop.token) });
    const search = await cannon({ url: searchUrl, ...common, headers: bearer(coop.token) });
    console.log(`(b) listing search done at ${elapsed()} (${pageSize} items a page)`);

    // (c) Listing creation.
    const createdBase = SEED_COMMODITIES.find((c) => c.commodityCode === CREATED_COMMODITY)!;
    let createdIndex = LISTINGS;
    const creation = await cannon({
      url: `${base}/api/v1/supply-listings`,
      ...common,
      method: 'POST',
      headers: { ...bearer(coop.token), ...json },
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ ...listingBody(createdBase, createdIndex++), grade: 'II' }),
          }),
        },
      ],
    });
    const creationSettledMs = await settle(db, 'listing creation');
    console.log(
      `(c) listing creation done at ${elapsed()} (settled ${(creationSettledMs / 1000).toFixed(1)} s after)`,
    );

    // (d) The post-to-notification flow at RATE writes/s.
    const paced = evenPacing(RATE);
    let requestIndex = 0;
    const flowStartedAt = new Date();
    const flow = await cannon({
      url: `${base}/api/v1/demand-requests`,
      connections: RATE, // one request per connection per second
      duration: DURATION,
      overallRate: RATE,
      ignoreCoordinatedOmission: true,
      method: 'POST',
      headers: { ...bearer(office.token), ...json },
      ...(BURST ? {} : { setupClient: paced.setupClient }),
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify(demandBody(++requestIndex)),
          }),
        },
      ],
    });
    const flowEnded = performance.now();
    if (!BURST && (paced.state.fallback || paced.state.staggered === 0)) {
      console.log('warning: could not spread the connections over the second: autocannon bursts');
    }

    // Post -> first match.proposed in the buyer's inbox, database clock on both sides.
    const posted = async () =>
      (
        await db.query<{ id: string; ms: number }>(
          `SELECT id, extract(epoch FROM created_at)::float8 * 1000 AS ms
             FROM demand_requests WHERE organization_id = $1`,
          [office.organizationId],
        )
      ).rows;
    // Requests still in flight when autocannon stopped may commit a little later: the rows are
    // read again until every one has its proposal (and at least a second has passed).
    let requests: { id: string; ms: number }[] = [];
    let ids: string[] = [];
    let notified = new Map<string, number>();
    for (;;) {
      requests = await posted();
      ids = requests.map((r) => r.id);
      notified = await firstProposals(db, office.organizationId, ids);
      const waited = performance.now() - flowEnded;
      if ((notified.size === ids.length && waited > 1000) || waited > WAIT_MS) break;
      await sleep(250);
    }
    const waitedS = (performance.now() - flowEnded) / 1000;
    const flowRuns = await matchingRuns(SEARCHED, flowStartedAt.getTime());
    const toInbox = requests.flatMap((r) => {
      const at = notified.get(r.id);
      return at === undefined ? [] : [at - r.ms];
    });
    const inbox = percentiles(toInbox);
    const missing = ids.length - notified.size;
    // A backlog shows as latency growing through the run; a fixed cost as a flat line.
    const byCreation = [...requests].sort((x, y) => x.ms - y.ms);
    const fifths = [0, 1, 2, 3, 4].map((k) => {
      const part = byCreation.slice((k * byCreation.length) / 5, ((k + 1) * byCreation.length) / 5);
      const s = percentiles(
        part.flatMap((r) => {
          const at = notified.get(r.id);
          return at === undefined ? [] : [at - r.ms];
        }),
      );
      return s ? `${s.p50.toFixed(0)}/${s.p99.toFixed(0)}` : '-';
    });
    const { rows: counts } = await db.query<{ proposed: number; superseded: number }>(
      `SELECT count(*) FILTER (WHERE type = 'match.proposed')::int AS proposed,
              count(*) FILTER (WHERE type = 'match.superseded')::int AS superseded
         FROM notifications WHERE organization_id = $1`,
      [office.organizationId],
    );
    const { rows: market } = await db.query<{ commodity_code: string; open: number }>(
      `SELECT commodity_code, count(*)::int AS open FROM supply_listings
        WHERE status = 'open' GROUP BY 1 ORDER BY 1`,
    );
    console.log(`(d) post-to-notification flow done at ${elapsed()}`);

    // The ceiling again: how much did the machine's capacity drift during the run?
    const ceilingAgain = await cannon({ url: liveUrl, ...common });
    console.log(`(a') GET /health/live again done at ${elapsed()}`);

    // Report.
    const f = (x: number | undefined, digits = 1) => (x === undefined ? '-' : x.toFixed(digits));
    const ratio = (x: number | undefined, of: number | undefined) =>
      x === undefined || of === undefined || of === 0 ? '-' : `${(x / of).toFixed(3)}`;
    const rows: [string, Measured, string][] = [
      ['(a) ceiling: GET /health/live (bare Nest route)', ceiling, '-'],
      [`(b) listing search: GET /supply-listings?commodityCode=…&limit=20`, search, '-'],
      ['(c) listing creation: POST /supply-listings', creation, '-'],
      [
        `(d) POST /demand-requests at ${RATE}/s (overallRate${BURST ? ', bursts' : ', even'})`,
        flow,
        inbox ? `${f(inbox.p50)} / ${f(inbox.p99)} (n ${inbox.n}, missing ${missing})` : '-',
      ],
      ["(a') ceiling again, after (d) (drift check)", ceilingAgain, '-'],
    ];
    console.log('');
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; ` +
        `load average (1/5/15 min) ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} at the start, ` +
        `${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')} at the end; app, autocannon, PostgreSQL and Redis share these cores`,
    );
    console.log(
      `autocannon ${DURATION} s per row, ${CONNECTIONS} connections for (a)-(c), ${RATE} for (d); ` +
        `latency = every response's time (ms); ratios are to the ceiling (a)`,
    );
    console.log('');
    console.log(
      '| scenario | req/s | p50 ms | p99 ms | errors / non-2xx | req/s ÷ ceiling | p50 ÷ ceiling p50 | post → inbox p50 / p99 ms |\n' +
        '|---|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const [name, m, extra] of rows) {
      console.log(
        `| ${name} | ${f(m.rps, 0)} | ${f(m.latency?.p50, 2)} | ${f(m.latency?.p99, 2)} | ` +
          `${m.errors} / ${m.non2xx} | ${ratio(m.rps, ceiling.rps)} | ` +
          `${ratio(m.latency?.p50, ceiling.latency?.p50)} | ${extra} |`,
      );
    }
    console.log('');
    for (const [name, m] of rows) {
      const odd = Object.entries(m.statusCodes).filter(([code]) => !code.startsWith('2'));
      if (m.errors > 0 || odd.length > 0) {
        console.log(
          `${name}: ${m.errors} errors (${m.timeouts} timeouts), status codes ${JSON.stringify(m.statusCodes)}`,
        );
      }
    }
    console.log(
      `(b) answered ${pageSize} listings a page out of ${LISTINGS / SEED_COMMODITIES.length} ${SEARCHED} listings; ` +
        `(c) created ${creation.statusCodes['201'] ?? 0} ${CREATED_COMMODITY} listings, queues settled ` +
        `${(creationSettledMs / 1000).toFixed(1)} s after the run`,
    );
    console.log(
      `(d) ${ids.length} demand requests stored (${flow.statusCodes['201'] ?? 0} answered 201) from ` +
        `${flowStartedAt.toISOString()}; busiest 100 ms window ${busiest100ms(flow.sentAt)} sent ` +
        `(client), ${busiest100ms(requests.map((r) => r.ms))} stored (server; even would be ` +
        `${(RATE / 10).toFixed(0)}); first proposal for ${notified.size}, missing ${missing} ` +
        `after waiting ${waitedS.toFixed(1)} s; buyer's match.proposed ${counts[0].proposed}, ` +
        `match.superseded ${counts[0].superseded}; post → inbox is request row → notification row ` +
        `(database clock)`,
    );
    const ms = (p: Percentiles | null) => (p ? `${p.p50.toFixed(0)}/${p.p99.toFixed(0)}` : '-');
    console.log(
      `(d) post → inbox p50/p99 ms by fifth of the run: ${fifths.join(', ')}; ` +
        `${SEARCHED} re-optimisations finished during and after it: ${flowRuns.runs}, ` +
        `run p50/p99 ${ms(flowRuns.runMs)} ms (max ${flowRuns.maxRunMs}), engine p50/p99 ` +
        `${ms(flowRuns.engineMs)} ms, largest market ${flowRuns.largestMarket} listings + requests ` +
        `(solved on the app's main thread up to ENGINE_THREAD_THRESHOLD, default 2000)`,
    );
    console.log(
      `open listings at the end: ${market.map((m) => `${m.commodity_code} ${m.open}`).join(', ')}; ` +
        `whole run ${elapsed()}`,
    );
  } finally {
    await db.end();
    await stopApp(app);
  }
  process.exit(0);
}

/** First match.proposed notification per demand request, in ms since the epoch (DB clock). */
async function firstProposals(
  db: Client,
  buyerOrganizationId: string,
  requestIds: string[],
): Promise<Map<string, number>> {
  const { rows } = await db.query<{ request_id: string; ms: number }>(
    `SELECT data->'match'->>'demandRequestId' AS request_id,
            extract(epoch FROM min(created_at))::float8 * 1000 AS ms
       FROM notifications
      WHERE organization_id = $1 AND type = 'match.proposed'
        AND data->'match'->>'demandRequestId' = ANY($2::text[])
      GROUP BY 1`,
    [buyerOrganizationId, requestIds],
  );
  return new Map(rows.map((r) => [r.request_id, r.ms]));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
