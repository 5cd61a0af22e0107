/* The regional balance at a year of national trade: npm run bench:balance
 * (npm run build && ts-node --transpile-only bench/balance.bench.ts
 *    [--weeks 52] [--per-week 10000] [--requests 600] [--rate 20] [--keep]).
 *
 * A fresh database (BENCH_DATABASE, default jembatan_bench_balance: DROPPED and re-created) gets a
 * generated year in SQL (the API would take hours): --weeks weeks of --per-week confirmed trades,
 * each with its listing, request and match, between the 514 regencies and cities of the regions
 * table (origins skewed towards a few producing regions, as chili and rice are), over the 21
 * commodities; trades of past weeks mostly delivered (some short, a few cancelled), and one open
 * proposal for every tenth trade. Then the aggregates are rebuilt from those base tables with the
 * same code as `npm run admin -- balance-rebuild` (timed), and the API (APP_ROLE=api, the built
 * app in a child process) answers an open-loop mix of the queries a planner makes (--requests at
 * --rate a second; each latency from its due time, so a slow answer delays nothing unseen):
 * province overviews, a province's regencies, one regency over a quarter or a year, national
 * pages and a next page, flows into a city, and a CSV export. p50/p95/p99 per kind and overall.
 * Target: p95 under 300 ms. The machine is shared: the load average is printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { BalanceStore } from '../src/balance/balance.store';
import { isoWeekLabel } from '../src/balance/balance-week';
import { dataSourceOptions } from '../src/database/data-source.options';
import { clearRedisPrefix, resetDatabase } from '../test/support/environment';
import { openLoop, stats, type Stats } from './open-loop';

const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
// Its own database (dropped and re-created: never point it at data you keep).
const BENCH_DATABASE = process.env.BENCH_DATABASE || 'jembatan_bench_balance';
const DATABASE_URL = `${POSTGRES_URL}/${BENCH_DATABASE}`;
const REDIS_URL = 'redis://127.0.0.1:6379';
const REDIS_PREFIX = process.env.BENCH_REDIS_PREFIX || 'jembatan-bench-balance';
const ROOT = resolve(__dirname, '..');
const APP_LOG = join(tmpdir(), 'jembatan-bench-balance.log');
const BOOT_TIMEOUT_MS = 180_000;
const TARGET_P95_MS = 300;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}
const WEEKS = Math.round(option('weeks', 52));
const PER_WEEK = Math.round(option('per-week', 10_000));
const REQUESTS = Math.round(option('requests', 600));
const RATE = option('rate', 20);
/** The year ends with the ISO week before 2026-11-30 (a Monday, WIB). */
const LAST_WEEK_START = '2026-11-23';
/** The week whose national pages are read (and paged): ten weeks back, or the first. */
const PAGED_WEEK = Math.min(10, WEEKS - 1);

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/**
 * The year in SQL. random() after setseed is deterministic within one session, so two runs
 * generate the same market. One listing and one request per trade: what the balance reads of
 * them does not depend on how they were split.
 */
async function generateYear(dataSource: DataSource): Promise<void> {
  const trades = WEEKS * PER_WEEK;
  const firstWeek = `('${LAST_WEEK_START}'::date - ${(WEEKS - 1) * 7})`;
  await dataSource.transaction(async (m) => {
    await m.query(`SELECT setseed(0.42)`);
    await m.query(
      `CREATE TEMP TABLE places ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code FROM regions WHERE type <> 'province'`,
    );
    await m.query(
      `CREATE TEMP TABLE goods ON COMMIT DROP AS
       SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code, typical_price_per_unit AS price
         FROM commodities`,
    );
    const [{ places, goods }] = await m.query<{ places: number; goods: number }[]>(
      `SELECT (SELECT count(*) FROM places)::int AS places, (SELECT count(*) FROM goods)::int AS goods`,
    );
    const [seller] = await m.query<{ id: string }[]>(
      `INSERT INTO organizations (name, type, region_code, verification_status)
       VALUES ('Koperasi (bench balance)', 'cooperative', '35.07', 'verified') RETURNING id`,
    );
    const [buyer] = await m.query<{ id: string }[]>(
      `INSERT INTO organizations (name, type, region_code, verification_status)
       VALUES ('Dinas Pangan (bench balance)', 'procurement', '21.71', 'verified') RETURNING id`,
    );
    // Origins skewed (random()^3: a few regions grow most), destinations less so (cities eat).
    await m.query(
      `CREATE TEMP TABLE gen ON COMMIT DROP AS
       SELECT t, gen_random_uuid() AS lid, gen_random_uuid() AS rid, gen_random_uuid() AS mid,
              gen_random_uuid() AS tid, o.code AS origin, d.code AS destination, g.code AS commodity,
              g.price, q, w, departure, departure + make_interval(hours => 12 + floor(random() * 84)::int) AS arrival,
              random() AS fate
         FROM (SELECT t, (t / ${PER_WEEK})::int AS w,
                      floor(${places} * power(random(), 3))::int AS oi,
                      floor(${places} * power(random(), 1.5))::int AS di,
                      floor(${goods} * random())::int AS gi,
                      (100 + floor(random() * 4900))::int AS q,
                      (${firstWeek} + (t / ${PER_WEEK})::int * 7)::timestamp AT TIME ZONE 'Asia/Jakarta'
                        + make_interval(mins => floor(random() * 6 * 24 * 60)::int) AS departure
                 FROM generate_series(0, ${trades - 1}) AS t) x
         JOIN places o ON o.i = x.oi JOIN places d ON d.i = x.di JOIN goods g ON g.i = x.gi`,
    );
    await m.query(
      `INSERT INTO supply_listings (id, organization_id, commodity_code, grade, quantity, remaining_quantity,
                                    price_per_unit, origin_region_code, available_from, available_until, status)
       SELECT lid, $1, commodity, NULL, q + q / 4, q / 4, price, origin, departure - interval '1 day',
              departure + interval '2 days', 'expired' FROM gen`,
      [seller.id],
    );
    await m.query(
      `INSERT INTO demand_requests (id, organization_id, commodity_code, quantity, remaining_quantity,
                                    max_price_per_unit, destination_region_code, deliver_by, status)
       SELECT rid, $1, commodity, q, 0, price * 2, destination, arrival + interval '1 day', 'fulfilled' FROM gen`,
      [buyer.id],
    );
    const matchColumns = `supply_listing_id, demand_request_id, supplier_organization_id, buyer_organization_id,
      commodity_code, quantity, quantity_delivered, shrink_rate, route, price_per_unit, transport_mode,
      transport_cost_per_unit, landed_cost_per_unit, departure_date, arrival_date,
      shelf_life_days_on_arrival, distance_km, gain_per_unit, status, supplier_decision, buyer_decision, expires_at`;
    await m.query(
      `INSERT INTO matches (id, trade_id, trade_status, ${matchColumns})
       SELECT mid, tid, ${TRADE_STATUS}, lid, rid, $1, $2, commodity, q, q - q / 50, 0.02, '[]'::jsonb, price, 'road',
              1000, price + 1000, departure, arrival, 3, 800, price - 1000,
              'confirmed', 'accepted', 'accepted', departure FROM gen`,
      [seller.id, buyer.id],
    );
    await m.query(
      `INSERT INTO trades (id, match_id, supply_listing_id, demand_request_id, supplier_organization_id,
                           buyer_organization_id, commodity_code, quantity, quantity_delivered, price_per_unit,
                           transport_mode, transport_cost_per_unit, landed_cost_per_unit, departure_date,
                           arrival_date, status, received_quantity)
       SELECT tid, mid, lid, rid, $1, $2, commodity, q, q - q / 50, price, 'road', 1000, price + 1000,
              departure, arrival, ${TRADE_STATUS},
              CASE WHEN ${TRADE_STATUS} IN ('delivered', 'completed')
                   THEN q - q / 50 - CASE WHEN fate < 0.1 THEN q / 20 ELSE 0 END END
         FROM gen`,
      [seller.id, buyer.id],
    );
    // An open proposal beside every tenth trade (the same pair: the engine's next suggestion).
    await m.query(
      `INSERT INTO matches (${matchColumns})
       SELECT lid, rid, $1, $2, commodity, q / 4, q / 4 - q / 200, 0.02, '[]'::jsonb, price, 'road',
              1000, price + 1000, departure, arrival, 3, 800, price - 1000,
              'proposed', 'pending', 'pending', departure + interval '1 day' FROM gen WHERE t % 10 = 0 AND q >= 200`,
      [seller.id, buyer.id],
    );
  });
  await dataSource.query(`ANALYZE supply_listings, demand_requests, matches, trades`);
}

/** Past weeks: mostly delivered; the last two: still on the way; 2 % cancelled, 0.5 % failed. */
const TRADE_STATUS = `(CASE WHEN fate < 0.02 THEN 'cancelled' WHEN fate < 0.025 THEN 'failed'
  WHEN w >= ${WEEKS - 2} THEN (CASE WHEN fate < 0.5 THEN 'confirmed' ELSE 'shipped' END)
  WHEN fate < 0.6 THEN 'completed' ELSE 'delivered' END)`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

async function startApi(port: number): Promise<ChildProcess> {
  const log = createWriteStream(APP_LOG);
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'main.js')], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      APP_ROLE: 'api',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL,
      REDIS_URL,
      REDIS_PREFIX,
      MIGRATE_ON_BOOT: 'false',
      RATE_LIMIT_READS_PER_MINUTE: '1000000',
      RATE_LIMIT_COSTLY_READS_PER_MINUTE: '1000000',
      RATE_LIMIT_AUTH_PER_MINUTE: '1000000',
      RATE_LIMIT_WRITES_PER_MINUTE: '1000000',
      JWT_EXPIRES_IN_SECONDS: '86400',
    },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const deadline = performance.now() + BOOT_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during boot; see ${APP_LOG}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health/ready`);
      await res.text();
      if (res.status === 200) return child;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API was not ready within ${BOOT_TIMEOUT_MS / 1000} s; see ${APP_LOG}`);
    }
    await sleep(200);
  }
}

interface Kind {
  name: string;
  path: (i: number) => string;
  accept?: string;
}

async function main(): Promise<void> {
  console.log(
    `bench:balance on ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ` + `${WEEKS} weeks x ${PER_WEEK} trades, database ${BENCH_DATABASE}`,
  );
  await resetDatabase(DATABASE_URL);
  await clearRedisPrefix(REDIS_URL, REDIS_PREFIX);
  const dataSource = await new DataSource(
    dataSourceOptions({ databaseUrl: DATABASE_URL }),
  ).initialize();
  let api: ChildProcess | null = null;
  try {
    const genStarted = performance.now();
    await generateYear(dataSource);
    const [counts] = await dataSource.query<Record<string, string>[]>(
      `SELECT (SELECT count(*) FROM trades) AS trades, (SELECT count(*) FROM matches) AS matches,
              (SELECT count(DISTINCT origin_region_code) FROM supply_listings) AS origins,
              (SELECT count(DISTINCT destination_region_code) FROM demand_requests) AS destinations`,
    );
    console.log(
      `generated ${counts.trades} trades, ${counts.matches} matches (${counts.origins} origin and ` +
        `${counts.destinations} destination regions) in ${((performance.now() - genStarted) / 1000).toFixed(1)} s`,
    );
    const rebuilt = await new BalanceStore(dataSource).rebuild();
    console.log(
      `rebuild (npm run admin -- balance-rebuild): ${(rebuilt.ms / 1000).toFixed(1)} s for ` +
        `${rebuilt.sources} sources -> ${rebuilt.regionCells} region-weeks, ${rebuilt.flowCells} flow-weeks`,
    );

    // What the queries name: busy regions and a week in the middle of the year, as a planner would.
    const [busy] = await dataSource.query<{ regency: string; province: string; city: string }[]>(
      `SELECT (SELECT region_code FROM balance_region_weeks WHERE level = 'regency'
                GROUP BY region_code ORDER BY sum(supply_posted) DESC LIMIT 1) AS regency,
              (SELECT region_code FROM balance_region_weeks WHERE level = 'province'
                GROUP BY region_code ORDER BY count(*) DESC LIMIT 1) AS province,
              (SELECT region_code FROM balance_region_weeks WHERE level = 'regency'
                GROUP BY region_code ORDER BY sum(demand_posted) DESC LIMIT 1) AS city`,
    );
    const regencies = (
      await dataSource.query<{ code: string }[]>(
        `SELECT code FROM regions WHERE type <> 'province' ORDER BY code`,
      )
    ).map((r) => r.code);
    const provinces = (
      await dataSource.query<{ code: string }[]>(
        `SELECT code FROM regions WHERE type = 'province' ORDER BY code`,
      )
    ).map((r) => r.code);
    const commodities = (
      await dataSource.query<{ code: string }[]>(`SELECT code FROM commodities ORDER BY code`)
    ).map((r) => r.code);
    const week = (back: number) =>
      isoWeekLabel(
        new Date(Date.parse(`${LAST_WEEK_START}T00:00:00Z`) - back * 7 * 86_400_000)
          .toISOString()
          .slice(0, 10),
      );
    const pick = <T>(list: T[], i: number) => list[(i * 7919) % list.length];

    const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
    const { sharedMailSink } = await import('../test/support/mail-sink');
    await sharedMailSink(); // the registration's email goes to a sink in this process
    api = await startApi(port);
    const base = `http://127.0.0.1:${port}`;
    const { aRegistration } = await import('../test/support/factories');
    const registered = await fetch(`${base}/api/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aRegistration({ type: 'government', regionCode: busy.city })),
    });
    if (registered.status !== 201)
      throw new Error(`register: ${registered.status} ${await registered.text()}`);
    const token = ((await registered.json()) as { accessToken: string }).accessToken;
    const get = async (path: string, accept = 'application/json') => {
      const res = await fetch(`${base}${path}`, {
        headers: { authorization: `Bearer ${token}`, accept },
      });
      const text = await res.text();
      return { status: res.status, text };
    };
    const firstPage = JSON.parse(
      (
        await get(
          `/api/v1/balance?level=regency&from=${week(PAGED_WEEK)}&to=${week(PAGED_WEEK)}&limit=100`,
        )
      ).text,
    ) as { nextCursor: string };

    const kinds: Kind[] = [
      {
        name: 'provinces, 1 commodity, 1 week',
        path: (i) =>
          `/api/v1/balance?level=province&commodityCode=${pick(commodities, i)}&from=${week(i % 52)}&to=${week(i % 52)}&limit=100`,
      },
      {
        name: "a province's regencies, 1 commodity, 4 weeks",
        path: (i) =>
          `/api/v1/balance?level=regency&regionCode=${i % 2 ? busy.province : pick(provinces, i)}&commodityCode=${pick(commodities, i)}&from=${week(4 + (i % 40))}&to=${week(1 + (i % 40))}&limit=100`,
      },
      {
        name: 'one regency, all commodities, a quarter',
        path: (i) =>
          `/api/v1/balance?regionCode=${i % 2 ? busy.regency : pick(regencies, i)}&from=${week(13)}&to=${week(0)}&limit=100`,
      },
      {
        name: 'one regency, 1 commodity, the year',
        path: (i) =>
          `/api/v1/balance?regionCode=${i % 2 ? busy.city : pick(regencies, i)}&commodityCode=${pick(commodities, i)}&limit=100`,
      },
      {
        name: 'national regency page, 1 week',
        path: (i) =>
          `/api/v1/balance?level=regency&from=${week(i % 52)}&to=${week(i % 52)}&limit=100`,
      },
      {
        name: 'national page 2 (cursor)',
        path: () =>
          `/api/v1/balance?level=regency&from=${week(PAGED_WEEK)}&to=${week(PAGED_WEEK)}&limit=100&cursor=${firstPage.nextCursor}`,
      },
      {
        name: 'flows into a city, a quarter',
        path: (i) =>
          `/api/v1/balance/flows?level=regency&regionCode=${i % 2 ? busy.city : pick(regencies, i)}&from=${week(13)}&to=${week(0)}&limit=100`,
      },
      {
        name: 'province flows, 1 commodity, 1 week',
        path: (i) =>
          `/api/v1/balance/flows?level=province&commodityCode=${pick(commodities, i)}&from=${week(i % 52)}&to=${week(i % 52)}&limit=100`,
      },
      {
        name: 'CSV: a province, 1 commodity, the year',
        path: (i) =>
          `/api/v1/balance?level=province&regionCode=${pick(provinces, i)}&commodityCode=${pick(commodities, i)}&limit=1000`,
        accept: 'text/csv',
      },
    ];
    // Warm-up: one of each (connections, plans, caches), not measured.
    for (const kind of kinds) {
      const res = await get(kind.path(0), kind.accept);
      if (res.status !== 200) throw new Error(`${kind.name}: ${res.status} ${res.text}`);
    }
    const sends = await openLoop(REQUESTS, RATE, async (i) => {
      const kind = kinds[i % kinds.length];
      const res = await get(kind.path(Math.floor(i / kinds.length) + 1), kind.accept);
      return {
        status: res.status,
        id: null,
        error: res.status === 200 ? undefined : res.text.slice(0, 200),
      };
    });
    const failed = sends.filter((s) => s.status !== 200);
    const latency = (list: typeof sends) =>
      stats(list.filter((s) => s.answeredAt !== null).map((s) => s.answeredAt! - s.dueAt));
    const show = (s: Stats | null) =>
      s
        ? `p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms (n=${s.n})`
        : 'no answers';
    console.log(`\n${REQUESTS} requests at ${RATE}/s, open loop, latency from the due time:`);
    kinds.forEach((kind, k) =>
      console.log(
        `  ${kind.name.padEnd(46)} ${show(latency(sends.filter((s) => s.index % kinds.length === k)))}`,
      ),
    );
    const all = latency(sends);
    console.log(`  ${'ALL'.padEnd(46)} ${show(all)}`);
    console.log(
      `\nGET /api/v1/balance p95 ${all ? all.p95.toFixed(1) : '-'} ms (target < ${TARGET_P95_MS} ms): ` +
        `${all && all.p95 < TARGET_P95_MS && failed.length === 0 ? 'MET' : 'NOT MET'}; ${failed.length} failed; ` +
        `load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}; total ${elapsed()}`,
    );
    for (const f of failed.slice(0, 5)) console.log(`  failed #${f.index}: ${f.status} ${f.error}`);
    process.exitCode = failed.length === 0 ? 0 : 1;
  } finally {
    api?.kill('SIGTERM');
    await dataSource.destroy();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
