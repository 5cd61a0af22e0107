import { Queue } from 'bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/app-config';
import { LiveMarkets, NOT_OWNER } from '../../src/matching/live/live-markets.service';
import {
  MarketLeaseLost,
  MarketLeaseRepository,
} from '../../src/matching/live/market-lease.repository';
import { MarketLeases } from '../../src/matching/live/market-leases';
import { MatchingService } from '../../src/matching/matching.service';
import { QUEUES } from '../../src/queue/job-catalog';
import { redisOptionsFromUrl } from '../../src/queue/redis-connection';
import { startApi, startWorker, TestApi, withEnv } from '../support/app';
import { aListing, aRequest, daysFromNow, Party, registerParty } from '../support/factories';
import { clearMarket } from '../support/market';
import { spawnWorker, stopWorker } from '../support/worker-process';
import { waitFor } from '../support/wait';

const LEASE_MS = 3000;

/** Blocks this process's event loop, as a national market's build does (tens of seconds). */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

/**
 * Another worker's claim of a commodity's lease, from a process of its own so that it is made
 * while this one is blocked: the child connects, gets the time to claim at, and prints the lease
 * it got (or null) once PostgreSQL answers. `claimed()` resolves with that answer.
 */
async function claimFromAnotherProcess(
  commodityCode: string,
  leaseMs: number,
): Promise<{ claimAt(at: number): Promise<void>; claimed(): Promise<unknown>; kill(): void }> {
  const repository = join(__dirname, '../../src/matching/live/market-lease.repository');
  const script = `
    const { Client } = require('pg');
    const { MarketLeaseRepository } = require(${JSON.stringify(repository)});
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    // Gone with the test: stdin closes when the test process ends or kills it.
    process.stdin.on('end', () => setTimeout(() => process.exit(0), 100));
    client.connect().then(() => {
      process.stdout.write('ready\\n');
      process.stdin.once('data', async (at) => {
        process.stdout.write('set\\n');
        await new Promise((resolve) => setTimeout(resolve, Number(at) - Date.now()));
        const manager = { query: (sql, params) => client.query(sql, params).then((r) => r.rows) };
        const lease = await new MarketLeaseRepository(manager)
          .claim(${JSON.stringify(commodityCode)}, 'other-1-00000000', ${leaseMs});
        process.stdout.write(JSON.stringify(lease) + '\\n');
        await client.end();
      });
    });`;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e', script], {
    cwd: join(__dirname, '../..'),
    env: { ...process.env, DATABASE_URL: loadConfig().databaseUrl },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    lines.push(...chunk.toString().split('\n').filter(Boolean));
    waiters.splice(0).forEach((wake) => wake());
  });
  let exited = false;
  child.once('exit', () => {
    exited = true;
    waiters.splice(0).forEach((wake) => wake());
  });
  const line = async (index: number): Promise<string> => {
    while (lines.length <= index) {
      if (exited) throw new Error(`the other process exited before line ${index + 1}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
    return lines[index];
  };
  expect(await line(0)).toBe('ready');
  return {
    claimAt: async (at) => {
      child.stdin.write(`${at}\n`);
      expect(await line(1)).toBe('set');
    },
    // Asked for only once the claim is due: a promise made up front would reject unhandled
    // when the test fails before (the child then exits early).
    claimed: async () => JSON.parse(await line(2)) as unknown,
    kill: () => child.kill(),
  };
}

interface OwnerRow {
  owner_id: string;
  token: number;
  acquired_at: Date;
  expires_at: Date;
}

/** The process id inside an owner id (`host-pid-random`: see MarketLeases). */
const pidOf = (ownerId: string): number => Number(/-(\d+)-[0-9a-f]{8}$/.exec(ownerId)![1]);

describe('live market ownership', () => {
  let api: TestApi;
  let seller: Party;
  let buyer: Party;

  const ownerOf = async (commodityCode: string): Promise<OwnerRow[]> =>
    api.dataSource.query(
      `SELECT owner_id, token, acquired_at, expires_at FROM market_owners WHERE commodity_code = $1`,
      [commodityCode],
    );
  /** Statements of this database waiting for a lock (the renewal behind the run's row). */
  const waitingOnLocks = async (): Promise<number> =>
    Number(
      (
        await api.dataSource.query<{ n: string }[]>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      )[0].n,
    );
  const proposalsFor = async (requestId: string): Promise<{ id: string }[]> =>
    api.dataSource.query(
      `SELECT id FROM matches WHERE demand_request_id = $1 AND status = 'proposed'`,
      [requestId],
    );
  const postRequest = async (commodityCode: string, quantity: number): Promise<string> =>
    (
      await api.http
        .post('/api/v1/demand-requests')
        .set(buyer.auth)
        .send(aRequest({ commodityCode, quantity, deliverBy: daysFromNow(10) }))
        .expect(201)
    ).body.id as string;

  beforeAll(async () => {
    api = await startApi('api');
    await clearMarket(api.dataSource);
    seller = await registerParty(api.http, { type: 'cooperative', regionCode: '35.07' });
    buyer = await registerParty(api.http, { type: 'procurement', regionCode: '21.71' });
  });
  afterAll(() => api.close());

  describe('two worker processes', () => {
    const COMMODITY = 'cabai_merah_besar';
    let workers: ChildProcess[] = [];
    let matchingQueue: Queue;

    beforeAll(async () => {
      const config = loadConfig();
      const connection = redisOptionsFromUrl(config.redisUrl);
      matchingQueue = new Queue(QUEUES.matching, { connection, prefix: config.redisPrefix });
      workers = [0, 1].map(() =>
        spawnWorker({ MATCHING_LEASE_MS: String(LEASE_MS), JOB_LOCK_MS: '5000' }),
      );
      await waitFor(async () => (await matchingQueue.getWorkersCount()) >= 2, {
        timeoutMs: 150_000,
        what: 'two worker processes to connect',
      });
    }, 180_000);

    afterAll(async () => {
      await Promise.all(workers.map((w) => stopWorker(w)));
      await matchingQueue.close();
    });

    it('lets one worker own the commodity, and the other take over when it dies', async () => {
      await api.http
        .post('/api/v1/supply-listings')
        .set(seller.auth)
        .send(aListing({ commodityCode: COMMODITY, quantity: 8000 }))
        .expect(201);
      const first = await postRequest(COMMODITY, 1000);
      await waitFor(async () => (await proposalsFor(first)).length > 0 || undefined, {
        timeoutMs: 60_000,
        what: 'a proposal for the first request',
      });
      const [owner] = await ownerOf(COMMODITY);
      const ownerPid = pidOf(owner.owner_id);
      expect(workers.map((w) => w.pid)).toContain(ownerPid);

      // More runs land on both workers; the owner stays the same (no change of owner, token 1).
      const second = await postRequest(COMMODITY, 800);
      await waitFor(async () => (await proposalsFor(second)).length > 0 || undefined, {
        timeoutMs: 60_000,
        what: 'a proposal for the second request',
      });
      expect(await ownerOf(COMMODITY)).toMatchObject([{ owner_id: owner.owner_id, token: 1 }]);

      // The owner dies without a word (no release): the other takes over once the lease lapses.
      const doomed = workers.find((w) => w.pid === ownerPid)!;
      const survivor = workers.find((w) => w.pid !== ownerPid)!;
      const [held] = await ownerOf(COMMODITY);
      const killedAt = Date.now();
      doomed.kill('SIGKILL');
      await waitFor(() => doomed.signalCode === 'SIGKILL', { what: 'the owner to die' });
      const third = await postRequest(COMMODITY, 700);
      await waitFor(async () => (await proposalsFor(third)).length > 0 || undefined, {
        timeoutMs: 60_000,
        what: 'a proposal for the request posted after the owner died',
      });
      const [next] = await ownerOf(COMMODITY);
      expect(pidOf(next.owner_id)).toBe(survivor.pid);
      expect(next.token).toBe(2);
      // Never before the dead owner's lease lapsed (it may have renewed once more after we read
      // it, which only makes the lapse later), and soon after: within the lease plus what a
      // loaded test machine needs to relay the event and pick the job up.
      expect(next.acquired_at.getTime()).toBeGreaterThanOrEqual(held.expires_at.getTime());
      expect(next.acquired_at.getTime() - killedAt).toBeLessThan(LEASE_MS + 10_000);
    }, 180_000);
  });

  describe('a stale owner', () => {
    const COMMODITY = 'cabai_rawit_merah';
    let worker: INestApplicationContext;

    beforeAll(async () => {
      worker = await withEnv({ MATCHING_LEASE_MS: String(LEASE_MS) }, () => startWorker());
    });
    afterAll(() => worker.close());

    it('cannot write once its lease was taken: the fence refuses the run', async () => {
      const leases = worker.get(MarketLeases);
      const live = worker.get(LiveMarkets);
      await api.http
        .post('/api/v1/supply-listings')
        .set(seller.auth)
        .send(aListing({ commodityCode: COMMODITY, quantity: 8000 }))
        .expect(201);
      const first = await postRequest(COMMODITY, 1000);
      await waitFor(async () => (await proposalsFor(first)).length > 0 || undefined, {
        timeoutMs: 60_000,
        what: 'a proposal from the owner',
      });
      // What the owner holds (a renewal: the same token).
      const stale = (await leases.claim(COMMODITY))!;
      expect(stale.token).toBe(1);

      // Another worker takes the commodity over (as after a pause longer than the lease).
      await api.dataSource.query(
        `UPDATE market_owners SET owner_id = 'thief-1-00000000', token = token + 1,
                acquired_at = now(), expires_at = now() + interval '1 hour'
          WHERE commodity_code = $1`,
        [COMMODITY],
      );
      const second = await postRequest(COMMODITY, 900);

      // The stale owner, not yet aware, runs with its old token: refused, nothing written.
      await expect(
        worker.get(MatchingService).reoptimize(COMMODITY, {
          fence: (manager) => leases.fence(stale, manager),
          consult: () => null,
        }),
      ).rejects.toBeInstanceOf(MarketLeaseLost);
      expect(await proposalsFor(second)).toEqual([]);
      // Through its live markets it learns it is not the owner, and drops the market.
      await expect(live.reoptimize(COMMODITY)).resolves.toBe(NOT_OWNER);
      expect(leases.heldCommodities()).not.toContain(COMMODITY);
      expect(live.market(COMMODITY)).toBeUndefined();
      expect(await proposalsFor(second)).toEqual([]);

      // The thief goes away: the worker takes the lease again (a new token) and proposes.
      await api.dataSource.query(
        `UPDATE market_owners SET expires_at = now() WHERE commodity_code = $1`,
        [COMMODITY],
      );
      await waitFor(async () => (await proposalsFor(second)).length > 0 || undefined, {
        timeoutMs: 60_000,
        what: 'a proposal once the lease is free again',
      });
      expect(await ownerOf(COMMODITY)).toMatchObject([{ owner_id: leases.ownerId, token: 3 }]);
    }, 120_000);
  });

  describe('a run longer than its lease', () => {
    const COMMODITY = 'cabai_rawit_hijau';
    let worker: INestApplicationContext;

    beforeAll(async () => {
      worker = await withEnv({ MATCHING_LEASE_MS: String(LEASE_MS) }, () => startWorker());
    });
    afterAll(() => worker.close());

    it('still owns the commodity after it: a renewal and a claim made while it ran shorten nothing and get nothing', async () => {
      const leases = worker.get(MarketLeases);
      const lease = (await leases.claim(COMMODITY))!;
      const other = await claimFromAnotherProcess(COMMODITY, LEASE_MS);
      let renewal: Promise<Set<string>> | null = null;
      try {
        const summary = await worker.get(MatchingService).reoptimize(COMMODITY, {
          fence: async (manager) => {
            await leases.fence(lease, manager);
            if (renewal) return; // the run's closing fence
            // The owner's renewal timer fires while the run holds the commodity's row: the
            // renewal waits on it, and is let through after the run's commit.
            renewal = new MarketLeaseRepository(api.dataSource.manager).renew([lease], LEASE_MS);
            await waitFor(async () => (await waitingOnLocks()) > 0 || undefined, {
              timeoutMs: 10_000,
              what: 'the renewal to wait on the run',
            });
            // The other worker claims once the lease, as the fence set it, has run out, while
            // the run still blocks this process (and its renewals), as a national build does.
            await other.claimAt(Date.now() + LEASE_MS + 1500);
          },
          consult: () => {
            busyFor(LEASE_MS + 3000);
            return null;
          },
        });

        expect(summary).toMatchObject({ commodityCode: COMMODITY });
        expect(await renewal!).toEqual(new Set([COMMODITY]));
        expect(await other.claimed()).toBeNull();
        const [row] = await ownerOf(COMMODITY);
        expect(row).toMatchObject({ owner_id: leases.ownerId, token: lease.token });
        expect(leases.heldCommodities()).toContain(COMMODITY);
      } finally {
        other.kill();
      }
    }, 60_000);
  });
});
