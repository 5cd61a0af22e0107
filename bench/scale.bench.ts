/* Matching at national scale: npm run bench:scale
 * (npm run build && npx ts-node --transpile-only bench/scale.bench.ts
 *    [--sizes 1000,5000,10000] [--serial 10] [--posts 100] [--rate 5] [--wait 120]
 *    [--app-dir <a built checkout>] [--skip-rate] [--db jembatan_bench_scale]).
 *
 * For each size N, a fresh database (jembatan_bench_scale) and Redis prefix; ONE commodity
 * (cabai_merah_keriting) with N open listings and N open requests from bench/market-generator.ts
 * (seeded in SQL: the API would take minutes), a cooperative and a procurement office registered
 * through the API. Then API and worker as SEPARATE child processes of the built app
 * (APP_ROLE=api, APP_ROLE=worker), and:
 *  - first run: from the worker's start to the first proposal readable in PostgreSQL;
 *  - serial: --serial new requests of 100 kg (always matchable), one after the other; for each,
 *    from the POST's send to the proposal naming it readable through GET /api/v1/matches; then,
 *    once the matching queue is idle, the proposals superseded by re-optimisation for that change
 *    (of all open proposals), and optimality: the stored proposals' objective against a fresh
 *    solve of the market as it now stands in PostgreSQL (same engine, this process);
 *  - rate: --posts requests at --rate a second, open loop (each latency from its due time);
 *  - the worker's matching runs (its log): load / solve / write time, and its peak RSS (VmHWM).
 * --app-dir runs another build (e.g. main's, for the before column): the same seeds, the same
 * measurements. The machine is shared: the load average is printed at start and end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Queue } from 'bullmq';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadCommodities, loadRegionRows } from '../src/logistics/testing/reference-csv.loader';
import { solvePlain } from '../src/matching/engine';
import { MarketRepository } from '../src/matching/market.repository';
import { TransportNetworkProvider } from '../src/reference/transport-network.provider';
import { dataSourceOptions } from '../src/database/data-source.options';
import { clearRedisPrefix, resetDatabase } from '../test/support/environment';
import { generateMarket } from './market-generator';
import { openLoop, stats, wallNow, type Stats } from './open-loop';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
// Its own database and key space (dropped and re-created at each size); --db names another.
const DATABASE = process.argv.includes('--db')
  ? process.argv[process.argv.indexOf('--db') + 1]
  : 'jembatan_bench_scale';
const DATABASE_URL = `${POSTGRES_URL}/${DATABASE}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = DATABASE.replace(/_/g, '-');
const COMMODITY = 'cabai_merah_keriting';
const REQUEST_QUANTITY = 100;

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const num = (name: string, fallback: number) => Number(arg(name) ?? fallback);
const SIZES = (arg('sizes') ?? '1000,5000,10000').split(',').map(Number);
const SERIAL = num('serial', 10);
const POSTS = num('posts', 100);
const RATE = num('rate', 5);
const WAIT_MS = num('wait', 120) * 1000;
const APP_DIR = resolve(arg('app-dir') ?? join(__dirname, '..'));
const SKIP_RATE = process.argv.includes('--skip-rate');

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const fmt = (ms: number | null | undefined) =>
  ms === null || ms === undefined
    ? '-'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : `${Math.round(ms)} ms`;
const fmtStats = (s: Stats | null, missing: number) =>
  s
    ? `${fmt(s.p50)} / ${fmt(s.p95)} (n=${s.n}${missing ? `, ${missing} never` : ''})`
    : `not reached (${missing} never)`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

interface Child {
  child: ChildProcess;
  runs: Record<string, number>[];
}

function start(role: 'api' | 'worker', port: number): Child {
  const log = createWriteStream(join(tmpdir(), `jembatan-bench-scale-${role}.log`));
  const child = spawn(process.execPath, [join(APP_DIR, 'dist', 'main.js')], {
    cwd: APP_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      APP_ROLE: role,
      PORT: String(port),
      LOG_LEVEL: role === 'worker' ? 'info' : 'warn',
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      MIGRATE_ON_BOOT: 'false',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_READS_PER_MINUTE: '1000000',
      RATE_LIMIT_COSTLY_READS_PER_MINUTE: '1000000',
      JWT_EXPIRES_IN_SECONDS: '86400',
    },
  });
  const runs: Record<string, number>[] = [];
  child.stderr.pipe(log);
  createInterface({ input: child.stdout }).on('line', (line) => {
    log.write(line + '\n');
    if (!line.includes('matching run')) return;
    try {
      runs.push(JSON.parse(line) as Record<string, number>);
    } catch {
      // not a JSON log line
    }
  });
  return { child, runs };
}

async function stop(c: Child): Promise<void> {
  if (c.child.exitCode !== null) return;
  const exited = new Promise((done) => c.child.once('exit', done));
  c.child.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(15_000).then(() => false)]))) {
    c.child.kill('SIGKILL');
    await exited;
  }
}

function peakRssMb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

async function http(
  base: string,
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

function requestBody(i: number) {
  return {
    commodityCode: COMMODITY,
    quantity: REQUEST_QUANTITY,
    maxPricePerUnit: 90_000,
    destinationRegionCode: '21.71',
    deliverBy: daysFromNow(10),
    notes: `bench scale request ${i}`,
  };
}

async function seedMarket(db: Client, size: number, coop: string, office: string) {
  const commodity = loadCommodities().find((c) => c.code === COMMODITY)!;
  const { markets } = generateMarket({
    size,
    commodities: [commodity],
    regions: loadRegionRows(),
    seed: 15,
    now: Date.now(),
  });
  const { listings, requests } = markets[0];
  const grade = (rank: number) => commodity.grades[rank] ?? null;
  const iso = (ms: number) => new Date(ms).toISOString();
  await db.query(
    `INSERT INTO supply_listings (organization_id, commodity_code, grade, quantity, remaining_quantity, min_order_quantity,
                                  price_per_unit, origin_region_code, available_from, available_until, harvested_at)
     SELECT $1, $2, g, q, q, NULLIF(m, 0), p, o, f::timestamptz, u::timestamptz, h::timestamptz
       FROM unnest($3::text[], $4::int[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], $10::text[])
            AS t(g, q, m, p, o, f, u, h)`,
    [
      coop,
      COMMODITY,
      listings.map((l) => grade(l.gradeRank)),
      listings.map((l) => l.remainingQuantity),
      listings.map((l) => l.minOrderQuantity),
      listings.map((l) => l.pricePerUnit),
      listings.map((l) => l.originRegionCode),
      listings.map((l) => iso(Math.max(l.availableFrom, Date.now()))),
      listings.map((l) => iso(l.availableUntil)),
      listings.map((l) => iso(l.harvestedAt)),
    ],
  );
  await db.query(
    `INSERT INTO demand_requests (organization_id, commodity_code, min_grade, quantity, remaining_quantity,
                                  max_price_per_unit, destination_region_code, deliver_from, deliver_by,
                                  min_shelf_life_days_on_arrival)
     SELECT $1, $2, g, q, q, p, d, f::timestamptz, b::timestamptz, s
       FROM unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::text[], $8::text[], $9::int[])
            AS t(g, q, p, d, f, b, s)`,
    [
      office,
      COMMODITY,
      requests.map((r) => grade(r.minGradeRank)),
      requests.map((r) => r.remainingQuantity),
      requests.map((r) => r.maxPricePerUnit),
      requests.map((r) => r.destinationRegionCode),
      requests.map((r) => (r.deliverFrom === null ? null : iso(r.deliverFrom))),
      requests.map((r) => iso(r.deliverBy)),
      requests.map((r) => Math.ceil(r.minShelfLifeDaysOnArrival)),
    ],
  );
}

/** Stored open proposals' objective vs a fresh solve of the market now in PostgreSQL. */
async function optimalityGap(dataSource: DataSource): Promise<{ stored: number; fresh: number }> {
  const commodity = loadCommodities().find((c) => c.code === COMMODITY)!;
  const repo = new MarketRepository(dataSource.manager);
  const now = new Date();
  // Held proposals (one side accepted) do not occur here: the bench decides nothing.
  const listings = await repo.openListings(COMMODITY, commodity.grades, new Map(), now);
  const requests = await repo.openRequests(COMMODITY, commodity.grades, new Map(), now);
  const { data, version } = await new TransportNetworkProvider(dataSource).get();
  const [fresh] = solvePlain({
    network: data,
    networkVersion: version,
    now: now.getTime(),
    agreements: [],
    markets: [
      {
        commodityCode: COMMODITY,
        shelfLife: {
          shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient,
          shelfLifeDaysCold: commodity.shelfLifeDaysCold,
          grades: commodity.grades,
        },
        listings,
        requests,
      },
    ],
  });
  const [{ stored }] = await dataSource.query<{ stored: string }[]>(
    `SELECT coalesce(sum(quantity_delivered::bigint * (gain_per_unit + agreement_bonus_per_unit)), 0) AS stored
       FROM matches WHERE commodity_code = $1 AND status = 'proposed'`,
    [COMMODITY],
  );
  return { stored: Number(stored), fresh: fresh.objective };
}

async function matchingIdle(queue: Queue, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  while (Date.now() < deadline) {
    const c = await queue.getJobCounts('active', 'waiting', 'delayed', 'prioritized');
    const busy = Object.values(c).reduce((a, b) => a + b, 0);
    quiet = busy === 0 ? quiet + 1 : 0;
    if (quiet >= 3) return true;
    await sleep(200);
  }
  return false;
}

async function proposalReadable(base: string, token: string, requestId: string): Promise<boolean> {
  const res = await http(
    base,
    'GET',
    `/api/v1/matches?demandRequestId=${requestId}&status=proposed&limit=1`,
    token,
  );
  return res.status === 200 && (res.body.items as unknown[]).length > 0;
}

async function runSize(size: number): Promise<void> {
  const loadStart = loadavg();
  await resetDatabase(DATABASE_URL);
  await clearRedisPrefix(REDIS_URL, REDIS_PREFIX);
  const { sharedMailSink } = await import('../test/support/mail-sink');
  const { aRegistration } = await import('../test/support/factories');
  const mail = await sharedMailSink();
  const apiPort = await freePort();
  const api = start('api', apiPort);
  const base = `http://127.0.0.1:${apiPort}`;
  const db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  const dataSource = await new DataSource(
    dataSourceOptions({ databaseUrl: DATABASE_URL }),
  ).initialize();
  const { QUEUES } = await import('../src/queue/job-catalog');
  const matchingQueue = new Queue(QUEUES.matching, {
    connection: { url: REDIS_URL },
    prefix: REDIS_PREFIX,
  });
  let worker: Child | null = null;
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/health/ready`)).status === 200) break;
      } catch {
        // not listening yet
      }
      if (i > 1500) throw new Error('the API did not start within 5 minutes');
      await sleep(200);
    }
    const register = async (type: 'cooperative' | 'procurement', regionCode: string) => {
      const registration = aRegistration({ type, regionCode });
      const res = await http(base, 'POST', '/api/v1/auth/register', null, registration);
      const token = await mail.tokenFor(registration.user.email, 'verify-email');
      await http(base, 'POST', '/api/v1/auth/verify-email', null, { token });
      return {
        token: res.body.accessToken as string,
        organizationId: (res.body.organization as { id: string }).id,
      };
    };
    const coop = await register('cooperative', '35.07');
    const office = await register('procurement', '21.71');
    await seedMarket(db, size, coop.organizationId, office.organizationId);

    const workerStarted = wallNow();
    worker = start('worker', await freePort());
    let firstRunMs: number | null = null;
    while (wallNow() - workerStarted < WAIT_MS) {
      const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM matches`)).rows as {
        n: number;
      }[];
      if (n > 0) {
        firstRunMs = wallNow() - workerStarted;
        break;
      }
      await sleep(250);
    }
    const idle = firstRunMs !== null && (await matchingIdle(matchingQueue, WAIT_MS));
    const [{ open }] = (
      await db.query(`SELECT count(*)::int AS open FROM matches WHERE status = 'proposed'`)
    ).rows as { open: number }[];
    console.log(
      `\n== ${size} listings x ${size} requests, one commodity (load ${loadStart.map((x) => x.toFixed(2)).join(' ')})` +
        `\nfirst run: proposals readable after ${fmt(firstRunMs)} (${open} open proposals${idle ? '' : ', queue not idle'})`,
    );

    const serial: number[] = [];
    let serialMissing = 0;
    const superseded: number[] = [];
    const gaps: string[] = [];
    if (firstRunMs !== null) {
      for (let i = 0; i < SERIAL; i++) {
        const before = (
          await db.query(
            `SELECT count(*)::int AS n FROM matches WHERE superseded_reason = 'market_reoptimized'`,
          )
        ).rows[0] as { n: number };
        const sentAt = wallNow();
        const posted = await http(
          base,
          'POST',
          '/api/v1/demand-requests',
          office.token,
          requestBody(i),
        );
        const id = posted.body.id as string;
        let seen: number | null = null;
        while (wallNow() - sentAt < WAIT_MS) {
          if (await proposalReadable(base, office.token, id)) {
            seen = wallNow();
            break;
          }
          await sleep(25);
        }
        if (seen === null) serialMissing++;
        else serial.push(seen - sentAt);
        await matchingIdle(matchingQueue, WAIT_MS);
        const after = (
          await db.query(
            `SELECT count(*)::int AS n FROM matches WHERE superseded_reason = 'market_reoptimized'`,
          )
        ).rows[0] as { n: number };
        superseded.push(after.n - before.n);
        const gap = await optimalityGap(dataSource);
        gaps.push(gap.stored === gap.fresh ? '0' : `${gap.fresh - gap.stored}`);
      }
    }
    const openNow = (
      (await db.query(`SELECT count(*)::int AS n FROM matches WHERE status = 'proposed'`))
        .rows[0] as {
        n: number;
      }
    ).n;
    console.log(
      `serial post -> proposal readable p50 / p95: ${fmtStats(stats(serial), serialMissing)}` +
        `\nsuperseded by re-optimisation per new request: [${superseded.join(', ')}] of ~${openNow} open` +
        ` (max ${superseded.length ? ((100 * Math.max(...superseded)) / Math.max(1, openNow)).toFixed(2) : '-'} %)` +
        `\noptimality after each change (fresh solve objective - stored proposals' objective): [${gaps.join(', ')}]`,
    );

    if (!SKIP_RATE && firstRunMs !== null) {
      const sends = await openLoop(POSTS, RATE, async (i) => {
        const res = await http(
          base,
          'POST',
          '/api/v1/demand-requests',
          office.token,
          requestBody(1000 + i),
        );
        return { status: res.status, id: (res.body.id as string | undefined) ?? null };
      });
      const pending = new Map(
        sends.filter((s) => s.requestId !== null).map((s) => [s.requestId!, s.dueAt] as const),
      );
      const latencies: number[] = [];
      const deadline = wallNow() + WAIT_MS;
      while (pending.size > 0 && wallNow() < deadline) {
        for (const [id, dueAt] of [...pending]) {
          if (await proposalReadable(base, office.token, id)) {
            latencies.push(wallNow() - dueAt);
            pending.delete(id);
          }
        }
        await sleep(50);
      }
      console.log(
        `${POSTS} posts at ${RATE}/s, due -> proposal readable p50 / p95: ${fmtStats(stats(latencies), pending.size + sends.filter((s) => s.requestId === null).length)}`,
      );
    }
    await matchingIdle(matchingQueue, WAIT_MS);
    const runs = worker.runs;
    const col = (k: string) => stats(runs.map((r) => r[k]).filter((v) => typeof v === 'number'));
    const split = (k: string) => {
      const s = col(k);
      return s ? `${fmt(s.p50)} (max ${fmt(s.max)})` : '-';
    };
    console.log(
      `worker matching runs: ${runs.length}; per run p50: load ${split('loadMs')}, solve ${split('engineMs')}, write ${split('writeMs')}` +
        `\nworker peak RSS: ${peakRssMb(worker.child.pid!) ?? '-'} MB; load average at end ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')} (${cpus().length} cores)`,
    );
  } finally {
    if (worker) await stop(worker);
    await stop(api);
    await matchingQueue.close();
    await dataSource.destroy();
    await db.end();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(APP_DIR, 'dist', 'main.js'))) throw new Error(`build ${APP_DIR} first`);
  console.log(
    `bench:scale of ${APP_DIR} (sizes ${SIZES.join(', ')}; serial ${SERIAL}; ${POSTS} posts at ${RATE}/s)`,
  );
  for (const size of SIZES) await runSize(size);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
