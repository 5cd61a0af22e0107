/* HTTP API benchmark: npm run bench:api
 * (npm run build && npx ts-node --transpile-only bench/api.bench.ts
 *    [--duration 10] [--connections 50] [--listings 2000] [--rate 100] [--wait 30] [--one-process]
 *    [--app-dir <a built checkout>]).
 *
 * autocannon against a running instance of the built app (node dist/main.js): the API
 * (APP_ROLE=api) and the worker (APP_ROLE=worker: outbox relay, matching, fan-out) as two CHILD
 * PROCESSES, as deployed and as issue #15's targets are stated (--one-process: APP_ROLE=all, both
 * in one), so that the load generator does not share the app's event loop (it still shares the
 * machine's cores, as do PostgreSQL and Redis: the machine is printed). Its own database
 * (jembatan_bench_api, dropped and re-created, migrated and seeded) and Redis prefix
 * (jembatan-bench-api, emptied first): it never touches development, test or bench:flow data.
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
 *  (d) the post-to-notification flow: POST /api/v1/demand-requests of 100 kg of chili (always
 *      matchable against the cooperative's supply) at --rate per second for --duration seconds,
 *      OPEN LOOP (bench/open-loop.ts): request i is due at start + i / rate, sent then whatever
 *      the earlier ones are doing, and every latency counts from that due time, so a slow app or
 *      a late client cannot hide queueing (coordinated omission). The buyer's inbox is polled
 *      through GET /api/v1/notifications every 50 ms: "due -> readable" ends when the
 *      match.proposed naming the request is first seen there, i.e. committed, fanned out and
 *      served by the API. A request refused, or never readable within --wait seconds, is a
 *      failure: the run prints them and exits 1.
 *  (a') the ceiling again at the end: how far the machine's capacity drifted during the run (other
 *      work on the machine shows here; the ratios are to (a)).
 * (a)-(c) are closed-loop throughput rows: latencies are every response's time as autocannon
 * measures it (write to last byte, float ms), from its 'response' events; requests/s is completed
 * responses over the run's duration.
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
import { InboxWatcher, openLoop, stats, waitForAll, type Stats } from './open-loop';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
// Overridable so that benchmarks run side by side on a shared machine each get their own (the
// database is DROPPED and re-created: never point it at data you keep).
const BENCH_DATABASE = process.env.BENCH_DATABASE || 'jembatan_bench_api';
const BENCH_DATABASE_URL = `${POSTGRES_URL}/${BENCH_DATABASE}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const BENCH_REDIS_PREFIX = process.env.BENCH_REDIS_PREFIX || 'jembatan-bench-api';
/**
 * --app-dir: another built checkout (e.g. main's, for a before column), measured the same way.
 * The database is migrated and seeded by THIS checkout, and the queue names and helpers are this
 * checkout's: a build whose schema or queues differ is not measured like with like (or fails).
 */
const APP_DIR = (() => {
  const at = process.argv.indexOf('--app-dir');
  if (at < 0) return resolve(__dirname, '..');
  const dir = process.argv[at + 1];
  if (!dir || dir.startsWith('--')) throw new Error('--app-dir needs the path of a built checkout');
  return resolve(dir);
})();
const APP_ENTRY = join(APP_DIR, 'dist', 'main.js');
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
const WARM_UP_S = 2;
/** --one-process: API and worker in one process (APP_ROLE=all) instead of two. */
const ONE_PROCESS = process.argv.includes('--one-process');
const INBOX_POLL_MS = 50;
const SEED_CONCURRENCY = 16;
const REQUEST_QUANTITY = 100;
const SEARCHED = 'cabai_merah_keriting';
// A loaded shared machine took 47 s to boot the app once, and more than 60 s another time.
const BOOT_TIMEOUT_MS = 180_000;

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

/** An app process: its role, its log and its end. */
interface AppProcess {
  role: 'all' | 'api' | 'worker';
  child: ChildProcess;
  log: string;
  exited: Promise<number | null>;
}

interface RunningApp {
  processes: AppProcess[];
  base: string;
}

function spawnApp(role: AppProcess['role'], port: number): AppProcess {
  const log = role === 'worker' ? APP_LOG.replace(/\.log$/, '-worker.log') : APP_LOG;
  const out = createWriteStream(log);
  // BENCH_APP_NODE_ARGS: extra node flags for the app (e.g. `--cpu-prof --cpu-prof-dir=/tmp/p`,
  // which NODE_OPTIONS refuses).
  const nodeArgs = (process.env.BENCH_APP_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, APP_ENTRY], {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test', // the development JWT secret is accepted; nothing else differs
      APP_ROLE: role,
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
      RATE_LIMIT_READS_PER_MINUTE: '1000000',
      RATE_LIMIT_COSTLY_READS_PER_MINUTE: '1000000',
      LOGIN_FAILURES_PER_15_MINUTES: '1000000',
      // The seed alone is --listings listings of one cooperative, and (c) and (d) add more: the
      // tenant caps (2,000 open by default) would answer 422 and the rows would time refusals.
      OPEN_LISTINGS_PER_ORGANIZATION: '1000000',
      OPEN_REQUESTS_PER_ORGANIZATION: '1000000',
      // One access token serves the whole run, however long it is asked to be.
      JWT_EXPIRES_IN_SECONDS: '86400',
    },
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { role, child, log, exited };
}

/** Polls `ready` until it holds; fails when the process exits first or the boot is too long. */
async function waitReady(app: AppProcess, ready: () => Promise<boolean>): Promise<void> {
  let gone = false;
  void app.exited.then(() => (gone = true));
  const deadline = performance.now() + BOOT_TIMEOUT_MS;
  for (;;) {
    if (gone) throw new Error(`the ${app.role} process exited during boot; see ${app.log}`);
    if (await ready().catch(() => false)) return;
    if (performance.now() > deadline) {
      app.child.kill('SIGKILL');
      throw new Error(
        `the ${app.role} process was not ready within ${BOOT_TIMEOUT_MS / 1000} s; see ${app.log}`,
      );
    }
    await sleep(200);
  }
}

/**
 * The API and the worker as separate processes (as in production and as issue #15's targets are
 * stated), or with --one-process both in one (APP_ROLE=all, the single-machine mode).
 */
async function startApp(port: number): Promise<RunningApp> {
  const base = `http://127.0.0.1:${port}`;
  const api = spawnApp(ONE_PROCESS ? 'all' : 'api', port);
  const processes = [api];
  const app = { processes, base };
  try {
    await waitReady(api, async () => {
      const res = await fetch(`${base}/health/ready`);
      await res.text();
      return res.status === 200;
    });
    if (!ONE_PROCESS) {
      const worker = spawnApp('worker', await freePort());
      processes.push(worker);
      const { QUEUES } = await import('../src/queue/job-catalog');
      const matching = new Queue(QUEUES.matching, {
        prefix: BENCH_REDIS_PREFIX,
        connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
      });
      try {
        await waitReady(worker, async () => (await matching.getWorkersCount()) > 0);
      } finally {
        await matching.close();
      }
    }
    return app;
  } catch (error) {
    await stopApp(app);
    throw error;
  }
}

async function stopApp(app: RunningApp): Promise<void> {
  await Promise.all(
    app.processes.map(async ({ child, exited }) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([
        exited.then(() => true),
        sleep(10_000).then(() => false),
      ]);
      if (!stopped) {
        child.kill('SIGKILL');
        await exited;
      }
    }),
  );
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
  const queues = [QUEUES.events, QUEUES.marketEvents, QUEUES.matching, QUEUES.webhooks].map(
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
  let failures = 0;
  const loadAtStart = loadavg();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;
  await resetDatabase();
  await resetRedis();
  // BENCH_PORT: a port of one's own on a shared machine; otherwise any free one.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  // Account emails (the verification links) go to an SMTP sink in this process; the app,
  // a child process, inherits SMTP_URL.
  const { sharedMailSink } = await import('../test/support/mail-sink');
  const mail = await sharedMailSink();
  console.log(`bench:api of ${APP_DIR}`);
  const app = await startApp(port);
  const db = new Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await db.connect();
    const { aRegistration } = await import('../test/support/factories');
    const base = app.base;
    console.log(
      `app ready at ${base} (${app.processes.map((p) => `${p.role} pid ${p.child.pid}, log ${p.log}`).join('; ')}) after ${elapsed()}; ` +
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

    // (d) The post-to-notification flow at RATE writes/s, open loop: request i is due at
    // start + i / RATE and every latency counts from that due time (see bench/open-loop.ts).
    const watcher = new InboxWatcher(base, office.token, INBOX_POLL_MS);
    await watcher.start();
    const flowStartedAt = new Date();
    const sends = await openLoop(RATE * DURATION, RATE, async (i) => {
      const res = await fetch(`${base}/api/v1/demand-requests`, {
        method: 'POST',
        headers: { ...bearer(office.token), ...json },
        body: JSON.stringify(demandBody(i + 1)),
      });
      const text = await res.text();
      if (res.status !== 201) return { status: res.status, id: null, error: text.slice(0, 200) };
      return { status: res.status, id: (JSON.parse(text) as { id: string }).id };
    });
    const ids = sends.flatMap((s) => (s.requestId ? [s.requestId] : []));
    const waitedS = (await waitForAll(watcher, ids, WAIT_MS)) / 1000;
    await watcher.stop();
    const flowRuns = await matchingRuns(SEARCHED, flowStartedAt.getTime());
    const refused = sends.filter((s) => s.requestId === null);
    const neverNotified = ids.filter((id) => !watcher.firstSeen.has(id));
    const dueToAnswer = stats(
      sends.flatMap((s) => (s.answeredAt !== null && s.requestId ? [s.answeredAt - s.dueAt] : [])),
    );
    const dueToReadable = stats(
      sends.flatMap((s) => {
        const seen = s.requestId ? watcher.firstSeen.get(s.requestId) : undefined;
        return seen === undefined ? [] : [seen - s.dueAt];
      }),
    );
    const sendLag = stats(sends.map((s) => s.sentAt - s.dueAt));
    const { rows: created } = await db.query<{ id: string; ms: number }>(
      `SELECT id, extract(epoch FROM created_at)::float8 * 1000 AS ms
         FROM demand_requests WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    const createdAt = new Map(created.map((r) => [r.id, r.ms]));
    const rowToRow = stats(
      [...(await firstProposals(db, office.organizationId, ids)).entries()].flatMap(([id, at]) => {
        const created = createdAt.get(id);
        return created === undefined ? [] : [at - created];
      }),
    );
    // A backlog shows as latency growing through the run; a fixed cost as a flat line.
    const fifths = [0, 1, 2, 3, 4].map((k) => {
      const part = sends.slice((k * sends.length) / 5, ((k + 1) * sends.length) / 5);
      const st = stats(
        part.flatMap((s) => {
          const seen = s.requestId ? watcher.firstSeen.get(s.requestId) : undefined;
          return seen === undefined ? [] : [seen - s.dueAt];
        }),
      );
      return st ? `${st.p50.toFixed(0)}/${st.p99.toFixed(0)}` : '-';
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
    const rows: [string, Measured][] = [
      ['(a) ceiling: GET /health/live (bare Nest route)', ceiling],
      [`(b) listing search: GET /supply-listings?commodityCode=…&limit=20`, search],
      ['(c) listing creation: POST /supply-listings', creation],
      ["(a') ceiling again, after (d) (drift check)", ceilingAgain],
    ];
    console.log('');
    console.log(
      `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ` +
        `${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}; ` +
        `load average (1/5/15 min) ${loadAtStart.map((x) => x.toFixed(2)).join(' ')} at the start, ` +
        `${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')} at the end; app, load generator, PostgreSQL and Redis share these cores`,
    );
    console.log(
      `(a)-(c): autocannon, ${DURATION} s per row, ${CONNECTIONS} connections, closed loop ` +
        `(throughput rows); latency = each response's time (ms); ratios are to the ceiling (a)`,
    );
    console.log('');
    console.log(
      '| scenario | req/s | response p50 ms | response p99 ms | errors / non-2xx | req/s ÷ ceiling | p50 ÷ ceiling p50 |\n' +
        '|---|---:|---:|---:|---:|---:|---:|',
    );
    for (const [name, m] of rows) {
      console.log(
        `| ${name} | ${f(m.rps, 0)} | ${f(m.latency?.p50, 2)} | ${f(m.latency?.p99, 2)} | ` +
          `${m.errors} / ${m.non2xx} | ${ratio(m.rps, ceiling.rps)} | ` +
          `${ratio(m.latency?.p50, ceiling.latency?.p50)} |`,
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
    console.log('');
    console.log(
      `(d) ${sends.length} POST /demand-requests due at ${RATE}/s for ${DURATION} s, open loop; every ` +
        `latency from the request's DUE time (schedule), client clock; inbox polled every ` +
        `${INBOX_POLL_MS} ms through GET /api/v1/notifications`,
    );
    console.log(
      '| (d) measure | n | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ ceiling p50 | p99 ÷ ceiling p50 |\n' +
        '|---|---:|---:|---:|---:|---:|---:|---:|',
    );
    const ceilingP50 = ceiling.latency?.p50;
    const dRows: [string, Stats | null][] = [
      ['client lag: sent − due (load generator health)', sendLag],
      ['due → POST /demand-requests answered 201', dueToAnswer],
      ['due → match.proposed readable in GET /notifications', dueToReadable],
      [
        'request row created_at → notification row created_at (DB clock, server part only)',
        rowToRow,
      ],
    ];
    for (const [name, st] of dRows) {
      console.log(
        st
          ? `| ${name} | ${st.n} | ${f(st.p50)} | ${f(st.p95)} | ${f(st.p99)} | ${f(st.max)} | ` +
              `${ratio(st.p50, ceilingP50)} | ${ratio(st.p99, ceilingP50)} |`
          : `| ${name} | 0 | - | - | - | - | - | - |`,
      );
    }
    console.log('');
    console.log(
      `(d) failures: ${refused.length} POSTs refused or lost, ${neverNotified.length} created ` +
        `requests whose match.proposed was not readable ${WAIT_MS / 1000} s after the last answer ` +
        `(waited ${waitedS.toFixed(1)} s); inbox polls ${watcher.polls} (${watcher.pollErrors} failed); ` +
        `buyer's match.proposed ${counts[0].proposed}, match.superseded ${counts[0].superseded}`,
    );
    for (const s of refused.slice(0, 5)) {
      console.log(`  request ${s.index + 1}: ${s.status ?? 'no answer'} ${s.error ?? ''}`);
    }
    const ms = (p: Percentiles | null) => (p ? `${p.p50.toFixed(0)}/${p.p99.toFixed(0)}` : '-');
    console.log(
      `(d) due → readable p50/p99 ms by fifth of the run: ${fifths.join(', ')}; ` +
        `${SEARCHED} re-optimisations finished during and after it: ${flowRuns.runs}, ` +
        `run p50/p99 ${ms(flowRuns.runMs)} ms (max ${flowRuns.maxRunMs}), engine p50/p99 ` +
        `${ms(flowRuns.engineMs)} ms, largest market ${flowRuns.largestMarket} listings + requests ` +
        `(solved on the matching process's main thread up to ENGINE_THREAD_THRESHOLD, default 200)`,
    );
    failures = refused.length + neverNotified.length;
    // A throughput row that was answered with anything but 2xx timed refusals, not the work.
    for (const [name, m] of rows) {
      const refusedRow = m.non2xx + m.errors;
      if (refusedRow > 0) {
        console.log(`FAILED row ${name}: ${m.non2xx} non-2xx answers, ${m.errors} errors`);
        failures += refusedRow;
      }
    }
    console.log(
      `open listings at the end: ${market.map((m) => `${m.commodity_code} ${m.open}`).join(', ')}; ` +
        `whole run ${elapsed()}`,
    );
  } finally {
    await db.end();
    await stopApp(app);
  }
  if (failures > 0) {
    console.error(
      `FAILED: ${failures} requests refused, answered non-2xx, or without their notification`,
    );
    process.exit(1);
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
