import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import {
  marketSize,
  matchingRunSeconds,
  minFillRatio,
  priceOfFairnessPercent,
  priceOfFairnessRupiah,
} from '../observability/metrics';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DomainEvents } from '../events/domain-events';
import { ReferenceService } from '../reference/reference.service';
import type { TransportNetworkData } from '../logistics/logistics.types';
import type { Commodity } from '../reference/commodity.entity';
import type { Allocation, RationingOutcome, RationingPolicy } from './engine';
import { ExclusionsStore } from './exclusions/exclusions.store';
import {
  incumbentsOfProposals,
  mergePieces,
  preferIncumbents,
  settleRounds,
  solveUntilSettled,
  type Incumbent,
} from './incumbent-preference';
import {
  answeredLiveBySize,
  diffProposals,
  hasCommittedVolumes,
  isOpenProposal,
  MarketSnapshot,
  ProposalDiff,
} from './matching-run';
import {
  LiveProposal,
  MarketRepository,
  type OpenMarket,
  type OpenMarketQuery,
} from './market.repository';
import { MatchRepository } from './match.repository';
import { MatchingEngineRunner } from './matching-engine.runner';
import { RationingPolicyStore } from './rationing/rationing-policy.store';
import { TransportNetworkProvider } from '../reference/transport-network.provider';
import { SUPERSEDED_BY_ENGINE, supersedeProposals } from './proposal-supersession';
import { loadReferenceBook } from '../prices/price-reference.repository';
import { wibDate } from '../prices/reference-band';

export interface RunSummary {
  commodityCode: string;
  listings: number;
  requests: number;
  allocations: number;
  objective: number;
  proposed: number;
  superseded: number;
  kept: number;
  engineMs: number;
  loadMs: number;
  writeMs: number;
  rationing: RationingPolicy;
  /** For a `fair` commodity: how the run shared the market and what fairness cost. */
  fairness?: RationingOutcome;
  /** The live market found the stored proposals already optimal: no solve, nothing written. */
  settled?: boolean;
  /** The live market answered: its allocation was proposed, the commodity was not solved. */
  answered?: boolean;
  /** Bringing the owner's live market up to the snapshot, and judging or reading it. */
  liveMs?: number;
}

/** Milliseconds as a run's summary states them: two decimals. */
const ms = (x: number): number => Math.round(x * 100) / 100;

/** What the owner's live market says of a run (src/matching/live/live-markets.service.ts). */
export type LiveVerdict =
  /** The stored proposals already state an optimum: nothing to solve or write. */
  | { kind: 'settled'; objective: number }
  /** The live allocation, an optimum of the snapshot's market: propose it (diffed as a solve's). */
  | { kind: 'answer'; allocations: Allocation[] };

/**
 * How the owner of a commodity's live market takes part in a run (src/matching/live/): the fence
 * runs first in the run's transaction, and the live market may spare the solve (settled, or its
 * own answer). A run without a guard (tests, scripts) solves and writes as before.
 */
export interface RunGuard {
  /** Throws (rolling the run back) when this worker no longer owns the commodity. */
  fence(manager: EntityManager): Promise<void>;
  /** Brings the live market to the snapshot; null when the run must solve. */
  consult(snapshot: MarketSnapshot): LiveVerdict | null;
  /** The open market, from the owner's copy (only what changed is read); absent: read it all. */
  loadMarket?(repo: MarketRepository, query: OpenMarketQuery): Promise<OpenMarket>;
}

/**
 * One re-optimisation of one commodity, in one transaction under a per-commodity advisory lock:
 * load the open market (held proposals' quantities out of play) into a snapshot, solve exactly
 * preferring the proposals already made, diff (pure) and write only the difference. A proposal identical to what the optimum wants (same pair, quantity and mode) is left
 * untouched, so an unchanged market writes nothing and notifies no one.
 */
@Injectable()
export class MatchingService {
  private readonly logger = new Logger(MatchingService.name);
  /** The network version whose routes were last built ahead of the runs (prepareRoutes). */
  private preparedVersion: string | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly reference: ReferenceService,
    private readonly networks: TransportNetworkProvider,
    private readonly engine: MatchingEngineRunner,
    private readonly outbox: OutboxWriter,
  ) {}

  async reoptimize(commodityCode: string, guard?: RunGuard): Promise<RunSummary | null> {
    const commodity = this.reference.commodity(commodityCode);
    if (!commodity) return null; // nothing to optimise for a code that does not exist
    const { data: network, version } = await this.networks.get();
    if (version !== this.preparedVersion) {
      this.preparedVersion = version;
      await this.prepareRoutes(network, version);
    }

    return this.dataSource.transaction(async (manager) => {
      await new MarketRepository(manager).lockCommodity(commodityCode);
      await guard?.fence(manager);
      const summary = await this.run(manager, commodity, network, version, guard);
      // Fenced again as the run ends: its lease then runs its whole length from the commit. A
      // national market's build blocks this process (and its lease renewals) for tens of seconds;
      // a claim made meanwhile waits on the fenced row and, were the lease to lapse during the
      // run, would take the commodity over at the commit and build it again elsewhere.
      await guard?.fence(manager);
      return summary;
    });
  }

  /** The run itself, inside reoptimize's transaction: load, consult the live market, solve, write. */
  private async run(
    manager: EntityManager,
    commodity: Commodity,
    network: TransportNetworkData,
    version: string,
    guard: RunGuard | undefined,
  ): Promise<RunSummary> {
    const { code: commodityCode } = commodity;
    const loadStarted = performance.now();
    const snapshot = await this.load(manager, commodity, network, version, new Date(), guard);
    const liveStarted = performance.now();
    const verdict = guard?.consult(snapshot) ?? null;
    if (verdict?.kind === 'settled') {
      return this.settled(snapshot, verdict.objective, loadStarted, liveStarted);
    }
    const solveStarted = performance.now();
    const { allocations, fairness } =
      verdict?.kind === 'answer'
        ? { allocations: verdict.allocations, fairness: undefined }
        : await this.solve(snapshot);
    const writeStarted = performance.now();
    const diff = diffProposals(snapshot, allocations);
    await this.write(manager, snapshot, diff);
    const done = performance.now();

    const engineMs = writeStarted - solveStarted;
    const summary: RunSummary = {
      commodityCode,
      listings: snapshot.listings.length,
      requests: snapshot.requests.length,
      allocations: allocations.length,
      objective: allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0),
      proposed: diff.fresh.length,
      superseded: diff.superseded.length + diff.listingGone.length + diff.requestGone.length,
      kept: diff.kept.length,
      engineMs: ms(engineMs),
      loadMs: ms(liveStarted - loadStarted),
      writeMs: ms(done - writeStarted),
      rationing: snapshot.rationing,
      ...(fairness ? { fairness } : {}),
      ...(guard ? { liveMs: ms(solveStarted - liveStarted) } : {}),
      ...(verdict?.kind === 'answer' ? { answered: true } : {}),
    };
    if (fairness) {
      priceOfFairnessRupiah.set({ commodity: commodityCode }, fairness.priceOfFairness);
      priceOfFairnessPercent.set({ commodity: commodityCode }, fairness.priceOfFairnessPercent);
      minFillRatio.set({ commodity: commodityCode }, fairness.minFillRatio);
    }
    matchingRunSeconds.observe({ commodity: commodityCode }, engineMs / 1000);
    marketSize.set({ commodity: commodityCode, side: 'listings' }, snapshot.listings.length);
    marketSize.set({ commodity: commodityCode, side: 'requests' }, snapshot.requests.length);
    this.logger.log(summary, 'matching run');
    return summary;
  }

  /** A run the live market found settled: what is stored stays, and nothing was solved. */
  private settled(
    snapshot: MarketSnapshot,
    objective: number,
    loadStarted: number,
    liveStarted: number,
  ): RunSummary {
    const summary: RunSummary = {
      commodityCode: snapshot.commodityCode,
      listings: snapshot.listings.length,
      requests: snapshot.requests.length,
      allocations: snapshot.open.length,
      objective,
      proposed: 0,
      superseded: 0,
      kept: snapshot.open.length,
      engineMs: 0,
      loadMs: ms(liveStarted - loadStarted),
      writeMs: 0,
      rationing: snapshot.rationing,
      settled: true,
      liveMs: ms(performance.now() - liveStarted),
    };
    this.logger.log(summary, 'matching run settled by the live market');
    return summary;
  }

  /**
   * Once per network version (a reload, an administrator's change, a closure coming into force):
   * build the routes of every commodity's open market in one go, so that this run and the next
   * ones, of any commodity, solve on a ready route table (RouteTable.prepare). A failure here
   * only costs speed: the solves build what they miss.
   *
   * Not those of a market large enough for its live market to answer (answeredLiveBySize): the
   * live market builds on this thread, with the routes of its own network object, and a table
   * prepared on the engine thread for it was a second copy that only a solve reads (a commodity
   * with committed volumes, say: that solve then builds what it misses). At 10,000 x 10,000 of
   * chili the copy was 62,818 routes and the thread that held them.
   */
  private async prepareRoutes(network: TransportNetworkData, version: string): Promise<void> {
    try {
      const started = performance.now();
      const footprint = await new MarketRepository(this.dataSource.manager).routeFootprint(
        new Date(),
      );
      const solved = [...footprint].filter(
        ([, market]) =>
          !answeredLiveBySize(
            market.listings.length,
            market.openRequests,
            this.config.liveAnswerAbovePairs,
          ),
      );
      const routes = await this.engine.prepare({
        network,
        networkVersion: version,
        // Routes carry the shrink of the commodity's category: each market is built into its
        // category's table, as its solve will read it.
        markets: solved.map(([code, { listings, requests }]) => ({
          listings,
          requests,
          category: this.reference.commodity(code)?.category,
        })),
      });
      this.logger.log(
        {
          networkVersion: version,
          routes,
          ms: Math.round(performance.now() - started),
          leftToLiveMarkets: footprint.size - solved.length,
        },
        'route table prepared',
      );
    } catch (error) {
      this.preparedVersion = null;
      this.logger.warn(
        { networkVersion: version, error: String(error) },
        'route table not prepared',
      );
    }
  }

  /** Step 1: the market of one commodity as the run sees it (one query per kind of row). */
  private async load(
    manager: EntityManager,
    commodity: Commodity,
    network: TransportNetworkData,
    networkVersion: string,
    now: Date,
    guard: RunGuard | undefined,
  ): Promise<MarketSnapshot> {
    const repo = new MarketRepository(manager);
    const commodityCode = commodity.code;
    // Reference ceilings enter the engine as data: a capped buyer's request carries its own.
    const book = await loadReferenceBook(manager, commodityCode);
    const today = wibDate(now);
    const query: OpenMarketQuery = {
      commodityCode,
      grades: commodity.grades,
      now,
      ceilingFor: (destination) => book.consumerCeiling(commodityCode, destination, today),
    };
    const market = guard?.loadMarket
      ? await guard.loadMarket(repo, query)
      : await repo.openMarket(query);
    const live = market.proposals;
    const held = live.filter((p) => !isOpenProposal(p));
    return {
      commodityCode,
      shelfLife: {
        shelfLifeDaysAmbient: commodity.shelfLifeDaysAmbient,
        shelfLifeDaysCold: commodity.shelfLifeDaysCold,
        coldChainRequired: commodity.coldChainRequired,
        category: commodity.category,
        grades: commodity.grades,
      },
      network,
      networkVersion,
      now,
      listings: market.listings,
      requests: market.requests,
      agreements: await repo.agreementsInForce(commodityCode, now),
      // Decisions that stick: declined pairs (until a relevant term changes) and partners.
      exclusions: await new ExclusionsStore(manager).inForce(commodityCode),
      rationing: await new RationingPolicyStore(manager).policyFor(commodityCode),
      open: live.filter(isOpenProposal),
      held,
      heldStillOpen: await repo.stillOpen(
        held.map((p) => p.supplyListingId),
        held.map((p) => p.demandRequestId),
        now,
      ),
    };
  }

  /**
   * Step 2: the optimum, preferring the proposals already made. Optima are often not unique (two
   * buyers with the same maximum price, say): re-solving from scratch could swap quantities between
   * equally good proposals and notify everyone for nothing. preferIncumbents makes the solver pick,
   * among the true optima, one keeping the most units of the open proposals (one solve; the
   * objective is the optimum's, see PairPreference). A small market is solved again preferring the
   * answer until the answer prefers itself (solveUntilSettled), so that the next run on the same
   * market keeps everything this one writes.
   */
  private async solve(
    snapshot: MarketSnapshot,
  ): Promise<{ allocations: Allocation[]; fairness?: RationingOutcome }> {
    // Committed volumes (#12) price covered pairs by a priority the engine searches for; the
    // incumbent nudges would shift that search, so such markets are solved plainly (optimal,
    // but ties may move).
    if (hasCommittedVolumes(snapshot)) return this.solvePreferring(snapshot, null);
    return solveUntilSettled(
      (incumbents) => this.solvePreferring(snapshot, incumbents),
      incumbentsOfProposals(snapshot.open),
      { maxRounds: settleRounds(snapshot.listings.length, snapshot.requests.length) },
    );
  }

  /** One solve of the snapshot's market preferring `incumbents` (none: plainly). */
  private async solvePreferring(
    snapshot: MarketSnapshot,
    incumbents: readonly Incumbent[] | null,
  ): Promise<{ allocations: Allocation[]; fairness?: RationingOutcome }> {
    const maxBonus = snapshot.agreements.reduce((m, a) => Math.max(m, a.bonusPerUnit), 0);
    const preferred = incumbents
      ? preferIncumbents(snapshot.requests, incumbents, maxBonus)
      : { requests: snapshot.requests, preference: null };
    const [result] = await this.engine.solve({
      network: snapshot.network,
      networkVersion: snapshot.networkVersion,
      now: snapshot.now.getTime(),
      agreements: snapshot.agreements,
      markets: [
        {
          commodityCode: snapshot.commodityCode,
          shelfLife: snapshot.shelfLife,
          listings: snapshot.listings,
          requests: preferred.requests,
          exclusions: snapshot.exclusions,
          rationing: snapshot.rationing,
          ...(preferred.preference ? { preference: preferred.preference } : {}),
        },
      ],
    });
    return {
      allocations: preferred.preference ? mergePieces(result.allocations) : result.allocations,
      ...(result.rationing ? { fairness: result.rationing } : {}),
    };
  }

  /** Step 4: supersede what the optimum no longer wants, then propose what is new. */
  private async write(
    manager: EntityManager,
    snapshot: MarketSnapshot,
    diff: ProposalDiff,
  ): Promise<void> {
    const ids = (proposals: LiveProposal[]) => proposals.map((p) => p.id);
    const { reoptimized, listingUnavailable, requestUnavailable } = SUPERSEDED_BY_ENGINE;
    await supersedeProposals(manager, this.outbox, ids(diff.listingGone), listingUnavailable);
    await supersedeProposals(manager, this.outbox, ids(diff.requestGone), requestUnavailable);
    await supersedeProposals(manager, this.outbox, ids(diff.superseded), reoptimized);
    await this.propose(
      manager,
      new MarketRepository(manager),
      snapshot.commodityCode,
      diff.fresh,
      snapshot.now,
    );
  }

  private async propose(
    manager: EntityManager,
    repo: MarketRepository,
    commodityCode: string,
    allocations: Allocation[],
    now: Date,
  ): Promise<void> {
    if (allocations.length === 0) return;
    const owners = await repo.owners(
      allocations.map((a) => a.listingId),
      allocations.map((a) => a.requestId),
    );
    const priceRows = await manager.query<
      { id: string; price_per_unit: number; origin_region_code: string }[]
    >(`SELECT id, price_per_unit, origin_region_code FROM supply_listings WHERE id = ANY($1)`, [
      allocations.map((a) => a.listingId),
    ]);
    const prices = new Map(priceRows.map((r) => [r.id, r.price_per_unit]));
    const origins = new Map(priceRows.map((r) => [r.id, r.origin_region_code]));
    const destinationRows = await manager.query<{ id: string; destination_region_code: string }[]>(
      `SELECT id, destination_region_code FROM demand_requests WHERE id = ANY($1)`,
      [allocations.map((a) => a.requestId)],
    );
    const destinations = new Map(destinationRows.map((r) => [r.id, r.destination_region_code]));
    // Each proposal shows its prices against the references in force the day it is made.
    const book = await loadReferenceBook(manager, commodityCode);
    const today = wibDate(now);
    const expiresAt = new Date(now.getTime() + this.config.proposalTtlHours * 3600_000);
    const rows = allocations.map((a) => ({
      supplyListingId: a.listingId,
      demandRequestId: a.requestId,
      supplierOrganizationId: owners.get(a.listingId)!,
      buyerOrganizationId: owners.get(a.requestId)!,
      commodityCode,
      quantity: a.quantityShipped,
      quantityDelivered: a.quantity,
      shrinkRate: a.arc.shrinkRate,
      route: [...a.arc.route],
      pricePerUnit: prices.get(a.listingId)!,
      transportMode: a.arc.transportLabel,
      transportCostPerUnit: a.arc.transportCostPerUnit,
      landedCostPerUnit: a.arc.landedCostPerUnit,
      departureDate: new Date(a.arc.departureDate),
      arrivalDate: new Date(a.arc.arrivalDate),
      shelfLifeDaysOnArrival: a.arc.shelfLifeDaysOnArrival,
      chilledShelfLifeDaysOnArrival: a.arc.chilledShelfLifeDaysOnArrival,
      coldChain: a.arc.coldChain,
      coldChainBreakShelfDays: a.arc.coldChainBreakShelfDays,
      distanceKm: a.arc.distanceKm,
      // The engine's gain includes the agreement bonus (a priority in its objective); what the
      // buyer is shown as gain is the real one, and the bonus is kept beside it.
      gainPerUnit: a.arc.gainPerUnit - a.arc.bonusPerUnit,
      agreementId: a.arc.agreementId,
      agreementBonusPerUnit: a.arc.bonusPerUnit,
      referenceBand: book.proposalBand(
        commodityCode,
        {
          originRegionCode: origins.get(a.listingId)!,
          destinationRegionCode: destinations.get(a.requestId)!,
          pricePerUnit: prices.get(a.listingId)!,
          landedCostPerUnit: a.arc.landedCostPerUnit,
        },
        today,
      ),
      status: 'proposed' as const,
      expiresAt,
    }));
    const ids = await new MatchRepository(manager).insertProposals(rows);
    await this.outbox.append(
      manager,
      rows.map((row, i) => DomainEvents.matchProposed({ ...row, id: ids[i] })),
    );
  }
}
