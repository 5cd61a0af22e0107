import type {
  AgreementBonus,
  Allocation,
  EngineListing,
  EngineRequest,
  FeasibleArc,
  PairPreference,
  SolveMarketInput,
  SolveMarketResult,
} from './engine.types';
import { excludedRequest, ExclusionIndex } from './exclusions';
import { buildArc } from './feasibility';
import { blocksOf, SimplexEngine, type NewArc } from './simplex-engine';
import {
  ChunkedFloat64,
  ChunkedInt32,
  GrowableFloat64,
  GrowableInt32,
  type NumberSink,
} from './growable-array';
import {
  chooseOption,
  counterpartsFit,
  listingFacts,
  newOptionChoice,
  shelfModel,
  type ListingFacts,
  type ShelfModel,
} from './pair-rules';
import { INFEASIBLE, PairScanner } from './pair-scanner';
import { RequestGroup, type RequestEntry } from './request-group';
import {
  deliverableCapacity,
  RouteTable,
  shippedForDelivered,
  type CompiledRoute,
} from './route-table';
import type { TransportProblem } from './transport-problem';

interface ListingEntry {
  facts: ListingFacts;
  /** SimplexEngine node id (-1 until registered). */
  node: number;
  /** Position in the sorted input of build() (-1 for later additions). */
  index: number;
}

function nudgesByListing(
  preference: PairPreference | undefined,
): Map<string, Map<string, number>> | null {
  if (!preference || preference.pairs.length === 0) return null;
  const byListing = new Map<string, Map<string, number>>();
  for (const { listingId, requestId, nudge } of preference.pairs) {
    let byRequest = byListing.get(listingId);
    if (!byRequest) byListing.set(listingId, (byRequest = new Map<string, number>()));
    byRequest.set(requestId, nudge);
  }
  return byListing;
}

const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: { id: string }, b: { id: string }): number => compareIds(a.id, b.id);

/**
 * The live market of one commodity: its candidate arcs and an optimal allocation, kept optimal
 * as listings and requests come, change and go.
 *
 * build() generates the arcs and solves from scratch (SimplexEngine: network simplex with column
 * generation). Candidate generation never forms the listing x request matrix: listings are grouped
 * by origin region and requests by destination region (sorted by maximum price), so each (origin,
 * destination) pair resolves its transport options once per listing, and the scan of a
 * destination's requests stops at the first one whose maximum price is below the listing's
 * cheapest possible landed cost. Only pairs that pass every rule with a positive gain become arcs.
 *
 * upsertListing / upsertRequest / remove* change the market and re-optimise from the current
 * simplex tree: a few pivots and a local pricing instead of a new solve. Ties between optima
 * are broken by the order of the work done, so an incremental solver and a fresh build() on the
 * same market always reach the same objective, not always the same allocation; a fresh build()
 * on the same input (in any order: it is sorted by id) is always identical.
 *
 * `now` is fixed when the solver is built. Feasibility moves with time, so rebuild when the clock
 * has moved on, and from time to time anyway: replaced and removed entries leave dead nodes.
 */
export class MarketSolver {
  readonly commodityCode: string;
  readonly now: number;
  private readonly context: SolveMarketInput;
  private readonly routes: RouteTable;
  private readonly shelf: ShelfModel;
  private readonly scanner: PairScanner;
  private readonly exclusions: ExclusionIndex | null;
  private readonly choice = newOptionChoice();
  private readonly bonusCache = new Map<number, AgreementBonus | null>();
  private readonly bandedBonusCache = new Map<string, AgreementBonus | null>();
  private readonly explained = new WeakMap<ListingEntry, WeakMap<RequestEntry, FeasibleArc>>();
  private readonly listings = new Map<string, ListingEntry>();
  private readonly requests = new Map<string, RequestEntry>();
  private readonly listingByNode: (ListingEntry | undefined)[] = [];
  private readonly requestByNode: (RequestEntry | undefined)[] = [];
  private readonly listingsByOrigin = new Map<number, ListingEntry[]>();
  private readonly requestsByDestination = new Map<number, RequestGroup>();
  private origins: number[] = [];
  private destinations: number[] = [];
  /** Assigned by every constructor that returns a solver (pairsOf's scan alone returns none). */
  private readonly engine!: SimplexEngine;
  private readonly initialArcs: number;
  private readonly outSlot = new GrowableInt32();
  private readonly outGain = new GrowableFloat64();
  /** PairPreference: gains scaled (1 without one) and nudges by listing id, then request id. */
  private readonly scale: number;
  private readonly nudges: Map<string, Map<string, number>> | null;
  private readonly listingIds: readonly string[];
  private readonly requestIds: readonly string[];

  /** `scanOnly`: the scan's pairs go there and nothing is solved (see pairsOf). */
  private constructor(input: SolveMarketInput, base?: BaseMarket, scanOnly?: ScanOnly) {
    this.context = input;
    this.commodityCode = input.commodityCode;
    this.now = input.now;
    this.routes = RouteTable.of(input.network, input.shelfLife.category);
    this.shelf = shelfModel(input.shelfLife);
    this.scanner = new PairScanner(this.shelf);
    this.exclusions = ExclusionIndex.of(input.exclusions);
    this.scale = input.preference?.scale ?? 1;
    this.nudges = nudgesByListing(input.preference);

    const listings = this.openListings(input.listings);
    const requests = this.openRequests(input.requests);
    const listingEntries = listings.map((listing, index): ListingEntry => ({
      facts: listingFacts(listing, this.now, this.routes),
      node: -1,
      index,
    }));
    const requestEntries = requests.map((request, index): RequestEntry => ({
      request,
      destinationIndex: this.routes.regionIndex(request.destinationRegionCode),
      node: -1,
      index,
    }));
    listingEntries.forEach((entry) => this.groupListing(entry));
    requestEntries.forEach((entry) => this.groupRequest(entry));

    // Candidate arcs: by origin, listing (by id), destination, request (by maximum price). Each
    // listing's arcs are one block: its index is written once the blocks are known.
    let copied = base ? baseArcs(base, listings, requests) : null;
    // A copy knows its arc count: one array each, handed over without a copy (see ChunkedList).
    const arcTo = new ChunkedInt32(copied?.arcCount);
    const gains = new ChunkedFloat64(copied?.arcCount);
    const blockEnd = new Int32Array(listings.length);
    const blockOrder: number[] = [];
    for (const origin of this.origins) {
      for (const entry of this.listingsByOrigin.get(origin)!) {
        if (copied) this.copyArcs(entry, copied, arcTo, gains);
        else this.scanListing(entry.facts, false, arcTo, gains);
        blockOrder.push(entry.index);
        blockEnd[entry.index] = arcTo.length;
      }
    }
    copied = null;
    if (base?.releasePairs) base.pairs = NO_PAIRS;
    const arcCount = arcTo.length;
    const arcFrom = new Int32Array(arcCount);
    let blockStart = 0;
    for (const i of blockOrder) {
      arcFrom.fill(i, blockStart, blockEnd[i]);
      blockStart = blockEnd[i];
    }
    this.initialArcs = arcCount;
    this.listingIds = listings.map((l) => l.id);
    this.requestIds = requests.map((r) => r.id);
    const arcGain = gains.take();
    const problem: TransportProblem = {
      supply: Float64Array.from(listings, (l) => this.capacity(l)),
      demand: Float64Array.from(requests, (r) => r.remainingQuantity),
      arcFrom,
      arcTo: arcTo.take(),
      arcGain,
      arcCount,
    };
    if (scanOnly) {
      scanOnly.pairs = { problem, listings: this.listingIds, requests: this.requestIds };
      return;
    }
    const slack = guaranteedSlackCost(requests, arcGain, listings.length);
    this.engine = SimplexEngine.solve(
      problem,
      Float64Array.from(listings, (l) => this.minimum(l)),
      slack?.cost ?? null,
      pieceGroups(requests),
    );
    if (slack && !slack.proven && !this.engine.guaranteedFirst()) {
      throw new Error('fair shares: gains too large for exact arithmetic');
    }
    listingEntries.forEach((entry, i) => this.registerListing(entry, this.engine.supplyNodeId(i)));
    requestEntries.forEach((entry, j) =>
      this.registerRequest(entry, this.engine.demandNodeId(j, listings.length)),
    );
  }

  /** Generates the arcs and solves the commodity's market from scratch. */
  static build(input: SolveMarketInput): MarketSolver {
    return new MarketSolver(input);
  }

  /**
   * The candidate pairs build() would solve, scanned and not solved: a fair market's shares need
   * only which listings reach which requests, and when they show a shortage the plain optimum
   * cannot serve every request, so its solve (8-12 s at 10,000 x 10,000) would be thrown away
   * (rationing.ts, buildFairSolver). A base for buildOnPairsOf.
   */
  static pairsOf(input: SolveMarketInput): CandidatePairs {
    const scan: ScanOnly = { pairs: null };
    new MarketSolver(input, undefined, scan);
    return scan.pairs!;
  }

  /**
   * Solves from scratch a market whose pairs are those of `base.pairs` (a build's, or pairsOf's): the same
   * listings, and requests that are the base's requests or pieces of them (`base.requestOf` names
   * the base request), each piece with its request's pair rules and nudge (the fair shares' second
   * solve, rationing.ts). The arcs are copied instead of scanned, in the order a scan would make
   * them, so the answer is the one build() gives. At 10,000 x 10,000 the scan is about 10 s.
   */
  static buildOnPairsOf(input: SolveMarketInput, base: BaseMarket): MarketSolver {
    return new MarketSolver(input, base);
  }

  /**
   * Indexes the candidate arcs for incremental changes (a few ms at 10k x 10k). The first change
   * does it anyway; call it right after build() to keep that cost out of the first change.
   */
  prepareForChanges(): void {
    this.engine.goLive();
  }

  /** Adds a listing, or replaces the one with the same id, and re-optimises. */
  upsertListing(listing: EngineListing): void {
    this.applyChanges({ upsertListings: [listing] });
  }

  /** Adds a request, or replaces the one with the same id, and re-optimises. */
  upsertRequest(request: EngineRequest): void {
    this.applyChanges({ upsertRequests: [request] });
  }

  removeListing(id: string): void {
    this.applyChanges({ removeListings: [id] });
  }

  removeRequest(id: string): void {
    this.applyChanges({ removeRequests: [id] });
  }

  /**
   * Several changes, then one re-optimisation: removes first, then listings, then requests (so a
   * new request sees the new listings' arcs). The optimum is the one the changes one at a time
   * reach; the pivots and the O(arcs) passes of each re-optimisation (pool pricing, minimum
   * orders) are paid once, not once per change: a burst of posts is one sync of a live market.
   */
  applyChanges(changes: MarketChanges): void {
    // Refused before anything changes: a batch is applied whole or not at all.
    // The cost of a guaranteed share's slack is sized on the arcs of the build.
    if (changes.upsertRequests?.some((request) => request.guaranteed))
      throw new Error('a guaranteed request can only be given to build()');
    for (const id of changes.removeListings ?? []) this.dropListing(id);
    for (const id of changes.removeRequests ?? []) this.dropRequest(id);
    for (const listing of changes.upsertListings ?? []) this.putListing(listing);
    for (const request of changes.upsertRequests ?? []) this.putRequest(request);
    this.engine.reoptimise();
  }

  private putListing(listing: EngineListing): void {
    this.dropListing(listing.id);
    if (listing.commodityCode === this.commodityCode && listing.remainingQuantity > 0) {
      const entry: ListingEntry = {
        facts: listingFacts(listing, this.now, this.routes),
        node: -1,
        index: -1,
      };
      this.outSlot.length = 0;
      this.outGain.length = 0;
      this.scanListing(entry.facts, true, this.outSlot, this.outGain);
      const arcs: NewArc[] = [];
      for (let k = 0; k < this.outSlot.length; k++) {
        arcs.push({ node: this.outSlot.at(k), gain: this.outGain.at(k) });
      }
      const node = this.engine.addSupplyNode(this.capacity(listing), this.minimum(listing), arcs);
      this.groupListing(entry);
      this.registerListing(entry, node);
    }
  }

  private putRequest(request: EngineRequest): void {
    this.dropRequest(request.id);
    if (request.commodityCode === this.commodityCode && request.remainingQuantity > 0) {
      const entry: RequestEntry = {
        request,
        destinationIndex: this.routes.regionIndex(request.destinationRegionCode),
        node: -1,
        index: -1,
      };
      const arcs: NewArc[] = [];
      const scanner = this.scanner;
      for (const origin of this.origins) {
        for (const listing of this.listingsByOrigin.get(origin)!) {
          const route = this.routes.route(origin, entry.destinationIndex, listing.facts.lotBand);
          if (route.options.length === 0) continue;
          if (this.exclusions?.excludes(listing.facts.listing, request)) continue;
          const bonus =
            this.bonus(origin, entry.destinationIndex, listing.facts.listing.pricePerUnit)
              ?.bonusPerUnit ?? 0;
          scanner.prepare(listing.facts, route);
          const gain = scanner.gain(request);
          if (
            gain !== INFEASIBLE &&
            gain + bonus > 0 &&
            counterpartsFit(listing.facts.listing, request)
          ) {
            const nudge = this.nudges?.get(listing.facts.listing.id)?.get(request.id) ?? 0;
            arcs.push({ node: listing.node, gain: (gain + bonus) * this.scale + nudge });
          }
        }
      }
      const node = this.engine.addDemandNode(request.remainingQuantity, arcs);
      this.registerRequest(entry, node);
      this.groupRequest(entry);
    }
  }

  /** The current allocation with its explanations, sorted by listing id then request id. */
  result(): SolveMarketResult {
    const allocations: Allocation[] = [];
    const engine = this.engine;
    let objective = 0;
    for (let arc = 0; arc < engine.arcCount; arc++) {
      const quantity = engine.arcFlow(arc);
      if (quantity <= 0 || !engine.isTradeArc(arc)) continue;
      const listing = this.listingByNode[engine.arcFrom(arc)]!;
      const request = this.requestByNode[engine.arcTo(arc)]!;
      const arcExplained = this.explain(listing, request);
      allocations.push({
        listingId: listing.facts.listing.id,
        requestId: request.request.id,
        quantity,
        quantityShipped: shippedForDelivered(quantity, arcExplained.shrinkPpm),
        arc: arcExplained,
      });
      objective += quantity * engine.arcGain(arc);
    }
    allocations.sort(
      (a, b) => compareIds(a.listingId, b.listingId) || compareIds(a.requestId, b.requestId),
    );
    // The transportation problem's optimum in true gains, before the shipped-unit rounding trim.
    const beforeRounding = allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0);
    const trimmed = this.trimRounding(allocations);
    const incumbents = this.incumbentsIfNotWorse(trimmed.allocations);
    if (incumbents) {
      trimmed.allocations = incumbents;
      trimmed.gainLost = 0;
    }
    return {
      commodityCode: this.commodityCode,
      allocations: trimmed.allocations,
      objective:
        this.nudges === null && this.scale === 1
          ? objective - trimmed.gainLost
          : trimmed.allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0),
      stats: {
        listings: this.listings.size,
        requests: this.requests.size,
        arcs: this.initialArcs,
        pivots: engine.pivots,
        minOrderForbidden: engine.minOrderForbidden,
        objectiveBeforeRounding: beforeRounding,
      },
    };
  }

  /**
   * The explained arc of a pair (option, route, landed cost, shelf life on arrival), built once
   * per pair of entries: a listing or request that changes gets a new entry, and the market's
   * clock, routes and agreements are fixed for the solver's life, so a pair's explanation cannot
   * change under it. A live market's result is read after every change, and explaining its
   * 8,000 allocations afresh took 70-230 ms a run at 10,000 x 10,000 (bench:scale, 2026-12-03).
   * Weak on both sides: entries that leave the market take their explanations with them.
   */
  private explain(listing: ListingEntry, request: RequestEntry): FeasibleArc {
    let byRequest = this.explained.get(listing);
    if (!byRequest) this.explained.set(listing, (byRequest = new WeakMap()));
    let arc = byRequest.get(request);
    if (!arc) {
      const route = this.routes.route(
        listing.facts.originIndex,
        request.destinationIndex,
        listing.facts.lotBand,
      );
      chooseOption(listing.facts, request.request, route, this.shelf, this.choice);
      const bonus = this.bonus(
        listing.facts.originIndex,
        request.destinationIndex,
        listing.facts.listing.pricePerUnit,
      );
      arc = Object.freeze(
        buildArc(listing.facts, request.request, route, this.choice, bonus, this.shelf),
      );
      byRequest.set(request, arc);
    }
    return arc;
  }

  /**
   * Per request of the solver (each piece apart): the units the current optimum delivers to it
   * before the shipped-unit rounding trim, which takes a unit here and there from whichever
   * allocation of an over-shipped listing gains least, so that two optima equal before it can
   * differ by a few units after. What a fair share is checked against (LiveMarket): the shares
   * are a property of the transportation problem, not of the trim.
   */
  deliveredBeforeRounding(): Map<string, number> {
    const delivered = new Map<string, number>();
    const engine = this.engine;
    for (let arc = 0; arc < engine.arcCount; arc++) {
      const quantity = engine.arcFlow(arc);
      if (quantity <= 0 || !engine.isTradeArc(arc)) continue;
      const id = this.requestByNode[engine.arcTo(arc)]!.request.id;
      delivered.set(id, (delivered.get(id) ?? 0) + quantity);
    }
    return delivered;
  }

  /**
   * The arc the solver would use between a listing and a request of the current market (the
   * same rules, option and agreement bonus as build() and result()), or null when the pair is not
   * a candidate (either side absent, infeasible, excluded, or no positive gain). Lets a caller
   * check allocations it holds (stored proposals) against the live market without a solve.
   */
  pairArc(listingId: string, requestId: string): FeasibleArc | null {
    const listing = this.listings.get(listingId);
    const request = this.requests.get(requestId);
    if (!listing || !request) return null;
    const facts = listing.facts;
    const route = this.routes.route(facts.originIndex, request.destinationIndex, facts.lotBand);
    if (route.options.length === 0) return null;
    if (this.exclusions?.excludes(facts.listing, request.request)) return null;
    const bonus = this.bonus(
      facts.originIndex,
      request.destinationIndex,
      facts.listing.pricePerUnit,
    );
    this.scanner.prepare(facts, route);
    const gain = this.scanner.gain(request.request);
    if (
      gain === INFEASIBLE ||
      gain + (bonus?.bonusPerUnit ?? 0) <= 0 ||
      !counterpartsFit(facts.listing, request.request)
    )
      return null;
    chooseOption(facts, request.request, route, this.shelf, this.choice);
    return buildArc(facts, request.request, route, this.choice, bonus, this.shelf);
  }

  /** Ids of the listings and requests in the current market (after every change). */
  get liveIds(): { listings: string[]; requests: string[] } {
    return { listings: [...this.listings.keys()], requests: [...this.requests.keys()] };
  }

  /**
   * Sum of quantity x gain of the current allocation before the shipped-unit rounding trim, in
   * true gains (agreement bonus included): a preference's scale and nudges taken back out of the
   * simplex's gains, so that a market built preferring its proposals and a plain one of the same
   * listings and requests state the same optimum. One pass over the arcs, no explanations built.
   */
  objective(): number {
    const engine = this.engine;
    if (this.nudges === null && this.scale === 1) return engine.objective();
    let total = 0;
    for (let arc = 0; arc < engine.arcCount; arc++) {
      const quantity = engine.arcFlow(arc);
      if (quantity <= 0 || !engine.isTradeArc(arc)) continue;
      const listingId = this.listingByNode[engine.arcFrom(arc)]!.facts.listing.id;
      const requestId = this.requestByNode[engine.arcTo(arc)]!.request.id;
      const nudge = this.nudges?.get(listingId)?.get(requestId) ?? 0;
      // Exact: the scaled gain is a whole multiple of the scale plus the nudge (PairPreference).
      total += quantity * ((engine.arcGain(arc) - nudge) / this.scale);
    }
    return total;
  }

  /** Arcs of the initial build (feasible pairs with positive gain). */
  get candidateArcs(): number {
    return this.initialArcs;
  }

  /**
   * The initial build's pairs: its transportation problem (listings and requests sorted by id,
   * candidate arcs with their gains) and the ids of its nodes by index. A base for buildOnPairsOf,
   * and what benchmarks and reference solvers read.
   */
  get pairs(): CandidatePairs {
    return { problem: this.engine.problem, listings: this.listingIds, requests: this.requestIds };
  }

  /** Arcs in the simplex (trade and slack); the other candidates wait in its pool. */
  get workingArcs(): number {
    return this.engine.arcCount;
  }

  /**
   * A listing's supply in delivered units (the unit of the transportation problem): its shipped
   * units shrunk by the largest shrink of the network, so that whichever arcs carry it the units
   * shipped stay within what it has. Conservative where its arcs shrink less: what is left over
   * stays on the listing and returns to later runs.
   */
  private capacity(listing: EngineListing): number {
    return deliverableCapacity(listing.remainingQuantity, this.routes.maxShrinkPpm);
  }

  /**
   * The minimum order in delivered units. Delivered >= minimum implies shipped >= minimum, so the
   * listing's minimum applies unchanged; waived (0) when less than the minimum remains (rule 6);
   * when the minimum remains but less than it can be delivered, only the whole capacity may go.
   */
  private minimum(listing: EngineListing): number {
    if (listing.remainingQuantity < listing.minOrderQuantity) return 0;
    return Math.min(listing.minOrderQuantity, this.capacity(listing));
  }

  /**
   * The least a trade of this listing may deliver under the minimum-order rule, as the solve
   * applies it (see minimum): for a check of stored proposals against this market.
   */
  minimumDelivered(listing: EngineListing): number {
    return this.minimum(listing);
  }

  /**
   * Each allocation ships ceil(delivered / (1 - shrink)): over several allocations of one listing
   * those roundings can add up to a few units beyond what it has. Remove that excess one
   * delivered unit at a time from the listing's lowest-gain allocation (ties: last by request id),
   * so the result never ships more than a listing has. Returns the gain given up.
   */
  private trimRounding(allocations: Allocation[]): { allocations: Allocation[]; gainLost: number } {
    let gainLost = 0;
    for (const [listingId, own] of byListing(allocations)) {
      const listing = this.listings.get(listingId)!.facts.listing;
      const minimum = this.minimum(listing);
      let excess = this.shippedBy(own, listingId) - listing.remainingQuantity;
      while (excess > 0) {
        // One unit less where that keeps the minimum order; if no allocation can, the smallest
        // one goes entirely (never seen in practice: it needs several allocations at the minimum).
        let victim: Allocation | null = null;
        let smallest: Allocation | null = null;
        const pairQuantity = this.pairQuantities(own, listingId);
        for (const a of own) {
          if (a.quantity === 0) continue;
          if (smallest === null || a.quantity < smallest.quantity) smallest = a;
          // The pair (all pieces of the request together) keeps at least one unit and the
          // minimum; a piece of it may go entirely, a nudged-against piece first.
          if (pairQuantity(a) - 1 < Math.max(1, minimum)) continue;
          // In the simplex's gains (PairPreference): an incumbent's piece is cut last.
          if (victim === null || this.weight(a) <= this.weight(victim)) victim = a;
        }
        victim ??= smallest;
        if (victim === null) break;
        const cut = victim === smallest && victim.quantity - 1 < minimum ? victim.quantity : 1;
        victim.quantity -= cut;
        gainLost += cut * victim.arc.gainPerUnit;
        victim.quantityShipped = shippedForDelivered(victim.quantity, victim.arc.shrinkPpm);
        excess = this.shippedBy(own, listingId) - listing.remainingQuantity;
      }
    }
    return { allocations: allocations.filter((a) => a.quantity > 0), gainLost };
  }

  /**
   * The incumbents themselves (PairPreference's +1 pieces, each at its piece's quantity) when they
   * still form a feasible allocation of this market worth at least `solved`, in true gains after
   * rounding; null otherwise. The nudges make the simplex prefer them among the LP's optima, but
   * the two non-LP steps after it (the minimum-order restriction and the shipped-unit rounding
   * trim) depend on the path the simplex took: on an unchanged market they could hand back a
   * different allocation, no better, and every proposal it touched would be superseded and
   * re-proposed for nothing. Not for a fair share here (its objective is not the gain alone: see
   * rationing.ts, which checks the shares first).
   */
  private incumbentsIfNotWorse(solved: readonly Allocation[]): Allocation[] | null {
    for (const entry of this.requests.values()) if (entry.request.guaranteed) return null;
    const kept = this.incumbents();
    return kept && allocationWorth(kept) >= allocationWorth(solved) ? kept : null;
  }

  /**
   * The allocation the preference's incumbents state (each +1 piece at its quantity), sorted by
   * listing id then request id, when it is still feasible in this market: every pair a candidate,
   * no listing shipping more than it has, every pair at or above its listing's minimum order.
   * Null otherwise, or without a preference.
   */
  incumbents(): Allocation[] | null {
    if (!this.nudges) return null;
    const kept: Allocation[] = [];
    for (const [listingId, byRequest] of this.nudges) {
      for (const [requestId, nudge] of byRequest) {
        if (nudge <= 0) continue;
        const request = this.requests.get(requestId)?.request;
        if (!request) return null;
        const arc = this.pairArc(listingId, requestId);
        if (!arc) return null;
        const quantity = request.remainingQuantity;
        kept.push({
          listingId,
          requestId,
          quantity,
          quantityShipped: shippedForDelivered(quantity, arc.shrinkPpm),
          arc,
        });
      }
    }
    for (const [listingId, own] of byListing(kept)) {
      const listing = this.listings.get(listingId)!.facts.listing;
      if (this.shippedBy(own, listingId) > listing.remainingQuantity) return null;
      const minimum = this.minimum(listing);
      const pairQuantity = this.pairQuantities(own, listingId);
      if (own.some((a) => pairQuantity(a) < minimum)) return null;
    }
    return kept.sort(
      (a, b) => compareIds(a.listingId, b.listingId) || compareIds(a.requestId, b.requestId),
    );
  }

  /** Per allocation of the listing: the delivered quantity of its pair, its request's pieces summed. */
  private pairQuantities(
    allocations: readonly Allocation[],
    listingId: string,
  ): (a: Allocation) => number {
    const byPair = new Map<string, number>();
    for (const a of allocations) {
      if (a.listingId !== listingId) continue;
      const key = this.pairRequest(a);
      byPair.set(key, (byPair.get(key) ?? 0) + a.quantity);
    }
    return (a) => byPair.get(this.pairRequest(a)) ?? a.quantity;
  }

  /** The request an allocation's pair is with: the one its piece was split from, if a piece. */
  private pairRequest(a: Allocation): string {
    return this.requests.get(a.requestId)?.request.pieceOf ?? a.requestId;
  }

  /**
   * What a listing ships for its allocations, one rounding per pair: the pieces a request is split
   * into for the tie-breaking (EngineRequest.pieceOf) ship together, so rounding each piece up
   * would trim units the merged proposal does not need, and the next run would change it back.
   */
  private shippedBy(allocations: readonly Allocation[], listingId: string): number {
    const pairs = new Map<string, { quantity: number; shrinkPpm: number }>();
    for (const a of allocations) {
      if (a.listingId !== listingId || a.quantity === 0) continue;
      const key = this.pairRequest(a);
      const pair = pairs.get(key);
      if (pair) pair.quantity += a.quantity;
      else pairs.set(key, { quantity: a.quantity, shrinkPpm: a.arc.shrinkPpm });
    }
    let shipped = 0;
    for (const pair of pairs.values())
      shipped += shippedForDelivered(pair.quantity, pair.shrinkPpm);
    return shipped;
  }

  /**
   * An allocation's gain per unit as the simplex weighs it (scaled and nudged, see PairPreference);
   * a fair share's piece (guaranteed) after every other, so the trim cuts shares last.
   */
  private weight(a: Allocation): number {
    if (this.requests.get(a.requestId)?.request.guaranteed) return Infinity;
    return a.arc.gainPerUnit * this.scale + (this.nudges?.get(a.listingId)?.get(a.requestId) ?? 0);
  }

  private openListings(listings: readonly EngineListing[]): EngineListing[] {
    const open = listings
      .filter((l) => l.commodityCode === this.commodityCode && l.remainingQuantity > 0)
      .sort(byId);
    assertUniqueIds(open, 'listing');
    return open;
  }

  private openRequests(requests: readonly EngineRequest[]): EngineRequest[] {
    const open = requests
      .filter((r) => r.commodityCode === this.commodityCode && r.remainingQuantity > 0)
      .sort(byId);
    assertUniqueIds(open, 'request');
    return open;
  }

  /**
   * Appends the requests a listing can serve at a positive gain (bonus included) to outSlot
   * (request index of the build, or node id when `nodes`) and outGain.
   */
  private scanListing(
    facts: ListingFacts,
    nodes: boolean,
    outSlot: NumberSink,
    outGain: NumberSink,
  ): void {
    const scanner = this.scanner;
    const blocked = this.exclusions?.forListing(facts.listing) ?? null;
    const nudges = this.nudges?.get(facts.listing.id) ?? null;
    const scale = this.scale;
    // counterpartsFit on the group's columns (see RequestGroup.verifiedOnly).
    const listingVerified = facts.listing.organizationVerified === true;
    const listingVerifiedOnly = facts.listing.verifiedCounterpartsOnly === true;
    for (const destination of this.destinations) {
      const route = this.routes.route(facts.originIndex, destination, facts.lotBand);
      if (route.options.length === 0) continue;
      const group = this.requestsByDestination.get(destination)!;
      group.refresh();
      const maxPrice = group.maxPrice;
      if (maxPrice.length === 0 || maxPrice[0] < cheapestLanded(facts, route)) continue;
      scanner.prepare(facts, route);
      const cheapest = scanner.cheapestLanded;
      const bonus =
        this.bonus(facts.originIndex, destination, facts.listing.pricePerUnit)?.bonusPerUnit ?? 0;
      const slots = nodes ? group.node : group.index;
      const { verifiedOnly, verified, ids } = group;
      for (let k = 0; k < maxPrice.length; k++) {
        if (maxPrice[k] < cheapest) break;
        if (blocked && excludedRequest(blocked, group.entries[k].request)) continue;
        const gain = scanner.gainAt(group, k);
        if (
          gain !== INFEASIBLE &&
          gain + bonus > 0 &&
          (verifiedOnly[k] === 0 || listingVerified) &&
          (!listingVerifiedOnly || verified[k] === 1)
        ) {
          outSlot.push(slots[k]);
          const nudge = nudges?.get(ids[k]) ?? 0;
          outGain.push((gain + bonus) * scale + nudge);
        }
      }
    }
  }

  /** scanListing's arcs for one listing, taken from the base's build (see buildOnPairsOf). */
  private copyArcs(
    entry: ListingEntry,
    copied: CopiedArcs,
    outSlot: NumberSink,
    outGain: NumberSink,
  ): void {
    const { begin, end, arcTo, arcGain, baseOf, gainOf } = copied;
    const from = begin[entry.index];
    const to = end[entry.index];
    if (from === to) return;
    for (let a = from; a < to; a++) gainOf[arcTo[a]] = arcGain[a];
    const facts = entry.facts;
    for (const destination of this.destinations) {
      if (this.routes.route(facts.originIndex, destination, facts.lotBand).options.length === 0)
        continue;
      const group = this.requestsByDestination.get(destination)!;
      group.refresh();
      const slots = group.index;
      for (let k = 0; k < slots.length; k++) {
        const gain = gainOf[baseOf[slots[k]]];
        if (Number.isNaN(gain)) continue;
        outSlot.push(slots[k]);
        outGain.push(gain);
      }
    }
    for (let a = from; a < to; a++) gainOf[arcTo[a]] = NaN;
  }

  private bonus(origin: number, destination: number, pricePerUnit: number): AgreementBonus | null {
    const lookup = this.context.agreementBonus;
    if (!lookup) return null;
    const network = this.context.network;
    const key = origin * network.regionCount + destination;
    if (lookup.priceBanded) {
      // An agreement with a price band covers a pair only at prices inside it.
      const banded = `${key}|${pricePerUnit}`;
      let found = this.bandedBonusCache.get(banded);
      if (found === undefined) {
        found = lookup(
          network.regionCodeAt(origin),
          network.regionCodeAt(destination),
          pricePerUnit,
        );
        this.bandedBonusCache.set(banded, found);
      }
      return found;
    }
    let bonus = this.bonusCache.get(key);
    if (bonus === undefined) {
      bonus = lookup(network.regionCodeAt(origin), network.regionCodeAt(destination));
      this.bonusCache.set(key, bonus);
    }
    return bonus;
  }

  private groupListing(entry: ListingEntry): void {
    const origin = entry.facts.originIndex;
    let list = this.listingsByOrigin.get(origin);
    if (!list) {
      list = [];
      this.listingsByOrigin.set(origin, list);
      this.origins = insertNumber(this.origins, origin);
    }
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byId(list[mid].facts.listing, entry.facts.listing) <= 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, entry);
  }

  private groupRequest(entry: RequestEntry): void {
    const destination = entry.destinationIndex;
    let group = this.requestsByDestination.get(destination);
    if (!group) {
      group = new RequestGroup(destination);
      this.requestsByDestination.set(destination, group);
      this.destinations = insertNumber(this.destinations, destination);
    }
    group.insert(entry);
  }

  private registerListing(entry: ListingEntry, node: number): void {
    entry.node = node;
    this.listings.set(entry.facts.listing.id, entry);
    this.listingByNode[node] = entry;
  }

  private registerRequest(entry: RequestEntry, node: number): void {
    entry.node = node;
    this.requests.set(entry.request.id, entry);
    this.requestByNode[node] = entry;
    this.requestsByDestination.get(entry.destinationIndex)?.invalidate();
  }

  private dropListing(id: string): void {
    const entry = this.listings.get(id);
    if (!entry) return;
    this.engine.removeNode(entry.node);
    this.listings.delete(id);
    const list = this.listingsByOrigin.get(entry.facts.originIndex)!;
    list.splice(list.indexOf(entry), 1);
  }

  private dropRequest(id: string): void {
    const entry = this.requests.get(id);
    if (!entry) return;
    // Its nudges go with it: a request a live market built in pieces and puts back whole under
    // its own id when it changes (the rest of a split keeps the request's id) carries none, so no
    // nudge outlives the piece the preference's scale was sized on.
    if (this.nudges) for (const byRequest of this.nudges.values()) byRequest.delete(id);
    this.engine.removeNode(entry.node);
    this.requests.delete(id);
    this.requestsByDestination.get(entry.destinationIndex)!.remove(entry);
  }
}

/** A batch of changes to a live market (MarketSolver.applyChanges); ids are listing or request ids. */
export interface MarketChanges {
  removeListings?: readonly string[];
  removeRequests?: readonly string[];
  upsertListings?: readonly EngineListing[];
  upsertRequests?: readonly EngineRequest[];
}

/** A build's transportation problem with the ids of its supply and demand nodes, by index. */
export interface CandidatePairs {
  problem: TransportProblem;
  listings: readonly string[];
  requests: readonly string[];
}

/** Where pairsOf's scan leaves its pairs. */
interface ScanOnly {
  pairs: CandidatePairs | null;
}

/** The build a derived market copies its pairs from (MarketSolver.buildOnPairsOf). */
export interface BaseMarket {
  pairs: CandidatePairs;
  /** The id of the base's request a request of the derived market is (a piece of). */
  requestOf(request: EngineRequest): string;
  /**
   * The build is the pairs' last reader: once their arcs are copied it replaces `pairs` with
   * NO_PAIRS, so that their memory (336 MB at 21 million arcs) can go before the solve. The
   * caller must hold them through this object alone.
   */
  releasePairs?: boolean;
}

const NO_PAIRS: CandidatePairs = {
  problem: {
    supply: new Float64Array(0),
    demand: new Float64Array(0),
    arcFrom: new Int32Array(0),
    arcTo: new Int32Array(0),
    arcGain: new Float64Array(0),
    arcCount: 0,
  },
  listings: [],
  requests: [],
};

interface CopiedArcs {
  /** The base's arcs of listing i: begin[i] to end[i] - 1 (a build makes them per listing). */
  begin: Int32Array;
  end: Int32Array;
  arcTo: Int32Array;
  arcGain: Float64Array;
  /** Per request of the derived build: its base request's index. */
  baseOf: Int32Array;
  /** Per base request: the gain of the listing being copied, NaN when no arc (scratch). */
  gainOf: Float64Array;
  /** The arcs the copy makes: each base arc once per request (or piece) of its base request. */
  arcCount: number;
}

function baseArcs(
  base: BaseMarket,
  listings: readonly EngineListing[],
  requests: readonly EngineRequest[],
): CopiedArcs {
  const { listings: baseListings, requests: baseRequests, problem } = base.pairs;
  if (
    baseListings.length !== listings.length ||
    listings.some((listing, i) => listing.id !== baseListings[i])
  ) {
    throw new Error('a market built on another one’s pairs must have its listings');
  }
  const indexOf = new Map(baseRequests.map((id, j) => [id, j]));
  const baseOf = Int32Array.from(requests, (request) => {
    const j = indexOf.get(base.requestOf(request));
    if (j === undefined) throw new Error(`request ${request.id} is not in the base market`);
    return j;
  });
  // A build appends each listing's arcs together (by origin, then listing): one run each.
  const blocks = blocksOf(problem.arcFrom, listings.length, problem.arcCount);
  if (!blocks) throw new Error('the base market was changed after its build');
  const derived = new Int32Array(baseRequests.length);
  for (const j of baseOf) derived[j]++;
  let arcCount = 0;
  for (let a = 0; a < problem.arcCount; a++) arcCount += derived[problem.arcTo[a]];
  return {
    arcCount,
    begin: blocks.begin,
    end: blocks.end,
    arcTo: problem.arcTo,
    arcGain: problem.arcGain,
    baseOf,
    gainOf: new Float64Array(baseRequests.length).fill(NaN),
  };
}

/** Potentials stay exact in doubles below this (see NetworkSimplex: forbidden arcs cost 2M + 1). */
const MAX_SLACK_COST = 2 ** 50;

/**
 * The cost per unit a guaranteed request (a fair share) pays for what it does not receive, so
 * that the optimum serves every share whenever some allocation can, and only then maximises the
 * gain. (nodes + 1) x (largest gain + 1) exceeds what any path of trade arcs can gain and so
 * always does; past MAX_SLACK_COST (large markets with the tie-breaking's scaled gains) the cost
 * is capped there, and `proven` is false: the solve must then show that the shares still came
 * first (SimplexEngine.guaranteedFirst). Null when no request is guaranteed.
 */
function guaranteedSlackCost(
  requests: readonly EngineRequest[],
  arcGain: Float64Array,
  listingCount: number,
): { cost: Float64Array; proven: boolean } | null {
  if (!requests.some((r) => r.guaranteed)) return null;
  let largest = 0;
  for (let a = 0; a < arcGain.length; a++) largest = Math.max(largest, arcGain[a]);
  const bound = (listingCount + requests.length + 2) * (largest + 1);
  const cost = Math.min(bound, MAX_SLACK_COST);
  return {
    cost: Float64Array.from(requests, (r) => (r.guaranteed ? cost : 0)),
    proven: bound <= MAX_SLACK_COST,
  };
}

/** The lowest landed cost any option of the route gives the listing. */
function cheapestLanded(facts: ListingFacts, route: CompiledRoute): number {
  let cheapest = Infinity;
  for (let k = 0; k < route.costPerUnit.length; k++) {
    const landed = facts.landedBaseBySlot[route.shrinkSlot[k]] + route.costPerUnit[k];
    if (landed < cheapest) cheapest = landed;
  }
  return cheapest;
}

/**
 * Allocations by listing id, each listing's in their order, listings in order of first
 * appearance. The per-listing checks of the trim and of the incumbents walked every allocation
 * for each listing: quadratic, 1 s of a 3,000 x 3,000 change run (4,000 incumbents).
 */
function byListing(allocations: readonly Allocation[]): Map<string, Allocation[]> {
  const groups = new Map<string, Allocation[]>();
  for (const a of allocations) {
    const own = groups.get(a.listingId);
    if (own) own.push(a);
    else groups.set(a.listingId, [a]);
  }
  return groups;
}

/** Sum of quantity x gain per unit (agreement bonus included): what the solver maximises. */
export function allocationWorth(allocations: readonly Allocation[]): number {
  return allocations.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0);
}

function assertUniqueIds(items: readonly { id: string }[], what: string): void {
  for (let i = 1; i < items.length; i++) {
    if (items[i].id === items[i - 1].id) throw new Error(`duplicate ${what} id ${items[i].id}`);
  }
}

function insertNumber(values: number[], value: number): number[] {
  return [...values, value].sort((a, b) => a - b);
}

/**
 * Per request: the index of the first request of its group (the pieces a request was split into
 * share one), or null when no request is a piece (the simplex then skips the grouping).
 */
function pieceGroups(requests: readonly EngineRequest[]): Int32Array | null {
  if (!requests.some((r) => r.pieceOf !== undefined)) return null;
  const first = new Map<string, number>();
  return Int32Array.from(requests, (request, index) => {
    const key = request.pieceOf ?? request.id;
    if (!first.has(key)) first.set(key, index);
    return first.get(key)!;
  });
}
