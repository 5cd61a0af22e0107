import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { liveMarketBuilds, liveMarketRuns } from '../../observability/metrics';
import { TransportNetworkProvider } from '../../reference/transport-network.provider';
import { LiveVerdict, MatchingService, RunGuard, RunSummary } from '../matching.service';
import { answeredLiveBySize, hasCommittedVolumes, type MarketSnapshot } from '../matching-run';
import type { MarketRepository, OpenMarket, OpenMarketQuery } from '../market.repository';
import { LiveMarket } from './live-market';
import { OPEN_MARKET_CHECK_EVERY_MS, OpenMarketCache, openMarketDrift } from './open-market-cache';
import { MarketLease, MarketLeaseLost } from './market-lease.repository';
import { MarketLeases } from './market-leases';
import { LastRun, storedProposalsSettled } from './settled-check';

/** A run that landed on a worker not owning the commodity: the job goes back for its owner. */
export const NOT_OWNER = 'not-owner' as const;

/** What this process's live markets did since it started (tests read it; metrics count it too). */
export interface LiveMarketStats {
  /** Markets built from PostgreSQL (a solve of the whole commodity, without writing). */
  builds: number;
  /** Single changes applied to running markets (upserts and removes). */
  changes: number;
  /** Runs the live market found settled: no solve, nothing written. */
  settled: number;
  /** Runs that solved the whole commodity and wrote the difference. */
  solved: number;
  /** Runs that proposed the live allocation without solving (LiveMarkets.mayAnswer). */
  answered: number;
  /** Recovery checks that found the owner's copy of the open market unlike PostgreSQL. */
  drifts: number;
}

/**
 * The live markets this worker owns: one MarketSolver per commodity whose lease it holds,
 * brought up to date at every run from the run's own snapshot (single upserts and removes, or a
 * rebuild on a new owner, network version or build input), so a run whose stored proposals
 * already state the optimum skips the solve. Every run, the recovery sweep's included, goes
 * through here, which makes the sweep a check: the stored proposals against the live allocation,
 * a solve and write only when they differ.
 */
@Injectable()
export class LiveMarkets {
  private readonly logger = new Logger(LiveMarkets.name);
  private readonly markets = new Map<string, LiveMarket>();
  /** Per commodity: this owner's copy of its open market, for the lease it was read under. */
  private readonly caches = new Map<string, { token: number; market: OpenMarketCache }>();
  /** Per commodity: the last solving run's optimum and what it wrote (see settled-check.ts). */
  private readonly lastRuns = new Map<string, LastRun>();
  /** The exact optimum and market version seen by a run that is solving now (recorded once it has written). */
  private readonly solving = new Map<string, { optimum: number; marketVersion: number }>();
  readonly stats: LiveMarketStats = {
    builds: 0,
    changes: 0,
    settled: 0,
    solved: 0,
    answered: 0,
    drifts: 0,
  };

  constructor(
    private readonly leases: MarketLeases,
    private readonly matching: MatchingService,
    private readonly networks: TransportNetworkProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    leases.onLost((commodityCode) => this.forget(commodityCode));
  }

  /**
   * A fenced run of the commodity by its owner, or NOT_OWNER when another worker owns it.
   * `mayBeSettled`: whether the run may be spared by the settled check. A run asked for by a market
   * change always solves: the live solver's shipped-unit rounding (or the last run as witness) can
   * call settled a state whose fresh solve would round a few units differently, and the run after
   * a burst must leave exactly what a fresh run keeps (two-workers and redis-outage tests saw
   * 2-10 proposals changed by the verifying run). The recovery sweep's check keeps the shortcut.
   */
  async reoptimize(
    commodityCode: string,
    { mayBeSettled = true }: { mayBeSettled?: boolean } = {},
  ): Promise<RunSummary | null | typeof NOT_OWNER> {
    const lease = await this.leases.claim(commodityCode);
    if (!lease) return NOT_OWNER;
    try {
      this.solving.delete(commodityCode);
      const summary = await this.matching.reoptimize(
        commodityCode,
        this.guard(lease, mayBeSettled),
      );
      const seen = this.solving.get(commodityCode);
      if (summary && !summary.settled) {
        if (seen === undefined) this.lastRuns.delete(commodityCode);
        else this.lastRuns.set(commodityCode, { ...seen, written: summary.objective });
        const outcome = summary.answered ? 'answered' : 'solved';
        this.stats[outcome]++;
        liveMarketRuns.inc({ commodity: commodityCode, outcome });
      }
      return summary;
    } catch (error) {
      if (!(error instanceof MarketLeaseLost)) throw error;
      this.logger.warn({ commodityCode, token: lease.token }, 'run fenced out: lease lost');
      this.leases.lost(commodityCode);
      this.forget(commodityCode);
      return NOT_OWNER;
    }
  }

  /** The live market of a commodity this process owns (tests compare it with a fresh solve). */
  market(commodityCode: string): LiveMarket | undefined {
    return this.markets.get(commodityCode);
  }

  private guard(lease: MarketLease, mayBeSettled: boolean): RunGuard {
    return {
      fence: (manager) => this.leases.fence(lease, manager),
      consult: (snapshot) => this.consult(snapshot, lease, mayBeSettled),
      loadMarket: (repo, query) => this.loadMarket(repo, query, lease, mayBeSettled),
    };
  }

  /**
   * The open market from this owner's copy (OpenMarketCache: only the rows changed since its last
   * load are read). The recovery sweep's check reads the whole market too (every
   * OPEN_MARKET_CHECK_EVERY_MS), and says so when the copy had drifted from it (which the change log should make impossible): PostgreSQL stays
   * the truth, and the check its witness.
   */
  private async loadMarket(
    repo: MarketRepository,
    query: OpenMarketQuery,
    lease: MarketLease,
    check: boolean,
  ): Promise<OpenMarket> {
    let cache = this.caches.get(query.commodityCode);
    if (!cache || cache.token !== lease.token) {
      cache = { token: lease.token, market: new OpenMarketCache() };
      this.caches.set(query.commodityCode, cache);
    }
    const compare = check && cache.market.fullLoadOlderThan(OPEN_MARKET_CHECK_EVERY_MS, query.now);
    const copy = await cache.market.load(repo, query);
    if (!compare || !copy.delta) return copy;
    const truth = await cache.market.load(repo, query, { full: true });
    const drift = openMarketDrift(copy, truth);
    if (drift) {
      this.stats.drifts++;
      this.logger.error(
        { commodityCode: query.commodityCode, drift },
        "live market: the owner's copy of the open market differed from PostgreSQL (reloaded)",
      );
    }
    return truth;
  }

  /**
   * Brings the live market up to date with the run's snapshot, then judges it (if asked to):
   * settled, or answered by the live allocation when the market may be (mayAnswer), or solved.
   */
  private consult(
    snapshot: MarketSnapshot,
    lease: MarketLease,
    mayBeSettled: boolean,
  ): LiveVerdict | null {
    const code = snapshot.commodityCode;
    // The run loaded its network through the same provider just before: the cached object.
    const loaded = this.networks.lastLoaded();
    if (!loaded || loaded.version !== snapshot.networkVersion) return null;
    let market = this.markets.get(code);
    if (!market || market.token !== lease.token) {
      // The stale market goes first: two of a national market do not fit in memory at once.
      this.forget(code);
      market = LiveMarket.build(snapshot, loaded.network, lease.token);
      this.markets.set(code, market);
      this.built(code);
    } else {
      let outcome: ReturnType<LiveMarket['sync']>;
      try {
        outcome = market.sync(snapshot, loaded.network);
      } catch (error) {
        // Half synced or without a solver (a rebuild that threw): the next run builds afresh.
        this.forget(code);
        throw error;
      }
      if (outcome.rebuilt) {
        // New agreements, exclusions, rationing policy or network: what the last run wrote was
        // decided under other rules (a fair share, say) and witnesses nothing any more.
        this.lastRuns.delete(code);
        this.built(code);
      }
      this.stats.changes += outcome.changes;
    }
    const verdict: ReturnType<typeof storedProposalsSettled> = mayBeSettled
      ? storedProposalsSettled(snapshot, market, this.lastRuns.get(code) ?? null, market.version)
      : { settled: false, reason: 'asked for by a market change' };
    if (verdict.settled) {
      this.stats.settled++;
      liveMarketRuns.inc({ commodity: code, outcome: 'settled' });
      return { kind: 'settled', objective: verdict.objective };
    }
    this.solving.set(code, { optimum: market.objective(), marketVersion: market.version });
    if (this.mayAnswer(snapshot, market))
      return { kind: 'answer', allocations: market.allocations() };
    this.logger.debug({ commodityCode: code, reason: verdict.reason }, 'live market: solving');
    return null;
  }

  /**
   * Whether the live allocation may be proposed as it is: the market is large enough that a solve
   * costs seconds (`liveAnswerAbovePairs`), and the live allocation is the run's answer: the plain
   * optimum (the gain alone) of a `max-gain` commodity without committed volumes, or the optimum
   * among those giving every fair share of a `fair` one, whose live market holds its shares
   * (LiveMarket.holdsShares). Committed volumes add a priority the engine searches for. The live
   * market was built preferring the proposals of its build and has been re-optimised from there
   * change by change, so a change moves only what it must.
   */
  private mayAnswer(snapshot: MarketSnapshot, market: LiveMarket): boolean {
    const answerable =
      snapshot.rationing === 'max-gain' ? !hasCommittedVolumes(snapshot) : market.holdsShares;
    return (
      answerable &&
      answeredLiveBySize(
        snapshot.listings.length,
        snapshot.requests.length,
        this.config.liveAnswerAbovePairs,
      )
    );
  }

  private forget(commodityCode: string): void {
    this.markets.delete(commodityCode);
    this.caches.delete(commodityCode);
    this.lastRuns.delete(commodityCode);
  }

  private built(commodityCode: string): void {
    this.stats.builds++;
    liveMarketBuilds.inc({ commodity: commodityCode });
  }
}
