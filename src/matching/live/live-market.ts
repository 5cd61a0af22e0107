import type { TransportNetwork } from '../../logistics/transport-network';
import {
  agreementLookupFrom,
  buildFairSolver,
  MarketSolver,
  type Allocation,
  type EngineListing,
  type EngineRequest,
  type FeasibleArc,
  type SolveMarketInput,
  type SolveMarketResult,
} from '../engine';
import {
  incumbentsOfProposals,
  maxPreferenceScale,
  mergePieces,
  preferIncumbents,
  requestOfPiece,
} from '../incumbent-preference';
import { hasCommittedVolumes, type MarketSnapshot } from '../matching-run';

/**
 * A live market is rebuilt rather than changed when time has moved on this much: `now` is fixed
 * at build (departures, windows and shelf life on arrival move with the clock), and removed or
 * replaced entries leave dead nodes in the simplex (see MarketSolver).
 */
export const LIVE_MARKET_MAX_AGE_MS = 10 * 60_000;

/**
 * Past this share of the market changed at once, one build is cheaper than the single changes
 * (each re-optimises from the tree: a few ms, against one build's seconds at 5,000 x 5,000).
 */
const REBUILD_WHEN_CHANGED_SHARE = 0.25;

/**
 * What a market is built on besides its listings and requests: when any of it changes (the
 * transport network's version, agreements, exclusions, the rationing policy, the commodity's
 * shelf life), the arcs change everywhere and the market is rebuilt.
 */
export function buildInputsOf(snapshot: MarketSnapshot): string {
  return JSON.stringify([
    snapshot.networkVersion,
    snapshot.shelfLife,
    snapshot.agreements,
    snapshot.exclusions,
    snapshot.rationing,
  ]);
}

/**
 * The fair shares a `fair` live market holds (without committed volumes), kept while the changes
 * provably leave them the fair shares (see LiveMarket.fairSharesHold).
 */
interface HeldShares {
  /** Per servable request (its pieces together): the whole units it is guaranteed. */
  shares: Map<string, number>;
  /** The shortage: requests whose share was set at a fill ratio below 1 (FairSolver.short). */
  short: Set<string>;
  /**
   * Per request, the units its allocation was below its share at the last check: the minimum-order
   * rule, applied after the shares, can leave a share short (solveRationed's `sharesMissed`); a
   * change may not leave any share shorter.
   */
  missed: Map<string, number>;
}

export interface SyncOutcome {
  /** The market was built from the snapshot (first time, new inputs, too old or too many changes). */
  rebuilt: boolean;
  /** Single changes applied to the running solver (upserts and removes). */
  changes: number;
}

/**
 * One commodity's market kept in memory by its owner: a MarketSolver fed with what changed since
 * the last snapshot it saw, listing by listing and request by request (upsert when a row's engine
 * view changed, remove when it left the open market). PostgreSQL stays the truth: every sync
 * compares with a snapshot read from it, so a change whose event went to another worker, or was
 * lost, still reaches the live market at the next sync. Pure: no I/O.
 *
 * Built preferring the open proposals as a run's solve does (incumbent-preference.ts): each
 * request with open proposals is held in pieces, one per proposal, nudged so that among equally
 * good optima the simplex keeps what is proposed. Between builds, a change re-optimises from the
 * last simplex tree, which moves only what the change makes it move; the requests that change
 * come back whole, without nudges.
 */
export class LiveMarket {
  /** Null only while a rebuild runs (see sync), or after one failed. */
  private current: MarketSolver | null;
  private inputs: string;
  private versionOf = 0;
  private builtAt: number;
  /**
   * The listings and requests the solver holds, as last synced (frozen copies): each run's
   * snapshot is compared with them field by field, and only what changed is copied. Serialising
   * all 20,000 of a national market to JSON to compare them took 60-390 ms a run, and as long
   * again to remember them; the comparison of fields takes 25-75 ms (bench:scale, 2026-12-03),
   * and of a row the owner's copy kept (OpenMarketCache), its identity.
   */
  private readonly listings = new Map<string, Readonly<EngineListing>>();
  private readonly requests = new Map<string, Readonly<EngineRequest>>();
  /** Requests held in pieces since the build: their ids in the solver (the rest keeps its own). */
  private readonly pieces = new Map<string, string[]>();
  /** The build's gain scale (1 when built without preference) and largest agreement bonus. */
  private scale = 1;
  private maxBonus = 0;
  /** The solver's result for its current state (cleared by every change). */
  private results: SolveMarketResult | null = null;
  /** Under `fair` rationing without committed volumes: the shares the solver guarantees. */
  private held: HeldShares | null = null;

  private constructor(
    snapshot: MarketSnapshot,
    private network: TransportNetwork,
    readonly token: number,
  ) {
    this.current = this.build(snapshot);
    this.inputs = buildInputsOf(snapshot);
    this.builtAt = snapshot.now.getTime();
  }

  static build(snapshot: MarketSnapshot, network: TransportNetwork, token: number): LiveMarket {
    return new LiveMarket(snapshot, network, token);
  }

  get solver(): MarketSolver {
    return this.solverOf;
  }

  private get solverOf(): MarketSolver {
    // LiveMarketsService forgets a market whose rebuild threw: nothing should reach this.
    if (!this.current) throw new Error(`live market ${this.token}: its rebuild failed`);
    return this.current;
  }

  /**
   * Counts the syncs that changed the market (a rebuild or single changes): equal versions of one
   * LiveMarket mean the same listings, requests and build inputs, whatever the snapshots' ages.
   */
  get version(): number {
    return this.versionOf;
  }

  /** Brings the solver to the snapshot's market: single changes, or a rebuild when they would not do. */
  sync(snapshot: MarketSnapshot, network: TransportNetwork): SyncOutcome {
    const rebuild = () => {
      this.versionOf++;
      this.network = network;
      // The old solver goes before the new one is built: at 10,000 x 10,000 each holds about
      // 600 MB of arcs, and both at once set the worker's peak memory.
      this.current = null;
      this.current = this.build(snapshot);
      this.inputs = buildInputsOf(snapshot);
      this.builtAt = snapshot.now.getTime();
      return { rebuilt: true, changes: 0 };
    };
    if (
      network !== this.network ||
      buildInputsOf(snapshot) !== this.inputs ||
      snapshot.now.getTime() - this.builtAt > LIVE_MARKET_MAX_AGE_MS
    )
      return rebuild();

    const listingChanges = changesOf(this.listings, snapshot.listings);
    const requestChanges = changesOf(this.requests, snapshot.requests);
    const changes =
      listingChanges.upserts.length +
      listingChanges.removes.length +
      requestChanges.upserts.length +
      requestChanges.removes.length;
    const size = Math.max(1, snapshot.listings.length + snapshot.requests.length);
    if (changes > 8 && changes / size > REBUILD_WHEN_CHANGED_SHARE) return rebuild();
    // The scaled gains stay exact only while no unit gains more than the build's scale allows.
    if (
      this.scale > 1 &&
      requestChanges.upserts.some(
        (r) => maxPreferenceScale(r.maxPricePerUnit + this.maxBonus) < this.scale,
      )
    )
      return rebuild();

    // A request of the shortage that changes or leaves frees supply for the rest of it.
    if (
      this.held &&
      [...requestChanges.removes, ...requestChanges.upserts.map((r) => r.id)].some((id) =>
        this.held!.short.has(id),
      )
    )
      return rebuild();
    const loosened = this.held
      ? listingChanges.upserts.filter(
          (listing) => !onlyLess(this.listings.get(listing.id), listing),
        )
      : [];

    if (changes > 0) {
      this.versionOf++;
      this.results = null;
      // A request built in pieces leaves in all of them, and comes back whole when it changes
      // (its nudges go with its pieces: see MarketSolver.dropRequest).
      const removeRequests = [
        ...requestChanges.removes,
        ...requestChanges.upserts.map((r) => r.id),
      ].flatMap((id) => {
        const ids = this.pieces.get(id) ?? [id];
        this.pieces.delete(id);
        return ids;
      });
      // One re-optimisation for the whole sync: a burst of posts between two runs is one batch.
      this.solverOf.applyChanges({
        removeListings: listingChanges.removes,
        removeRequests,
        upsertListings: listingChanges.upserts,
        upsertRequests: requestChanges.upserts,
      });
    }
    if (
      this.held &&
      changes > 0 &&
      !this.fairSharesHold(snapshot, loosened, requestChanges.upserts, requestChanges.removes)
    )
      return rebuild();
    remember(this.listings, listingChanges.upserts, listingChanges.removes);
    remember(this.requests, requestChanges.upserts, requestChanges.removes);
    return { rebuilt: false, changes };
  }

  /**
   * Whether the live market holds a `fair` market's shares (and so may answer for it): built with
   * them, and every change since shown to leave them the fair shares, or rebuilt.
   */
  get holdsShares(): boolean {
    return this.held !== null;
  }

  /**
   * After a sync's changes: whether the shares held, with each new or changed request owed its
   * whole quantity, are still the market's fair shares, and the live allocation still gives them.
   * Shares are the lexicographic max-min of fill ratios (fair-shares.ts), set by the shortage's
   * tight sets (requests whose listings' supply their shares use up):
   *
   * - a change that only asks more or offers less (a new request, a listing taken down or taken
   *   from) adds constraints; if the old shares and the new request's whole quantity are still
   *   given, they are still the best: every constraint that set them still holds. The live
   *   allocation giving them (at most what the minimum-order rule already missed, per request) is
   *   the witness; a new request it leaves short that some listing reaches fails it;
   * - a change that offers more (a new listing, more of one, other prices or windows) can raise
   *   the shortage's shares only through a listing that reaches one of its requests;
   * - a request of the shortage that changes or leaves is refused before (sync): it frees supply
   *   for the rest of its tight set. Elsewhere, less asked moves no tight set.
   *
   * Any doubt means a rebuild, which computes the shares afresh (as a solve does).
   */
  private fairSharesHold(
    snapshot: MarketSnapshot,
    loosened: readonly EngineListing[],
    upserted: readonly EngineRequest[],
    removed: readonly string[],
  ): boolean {
    const held = this.held!;
    for (const listing of loosened) {
      for (const id of held.short) if (this.pairArc(listing.id, id)) return false;
    }
    for (const id of removed) held.shares.delete(id);
    const received = deliveredBeforeRounding(this.solverOf);
    const reachable = (request: EngineRequest, listings: readonly EngineListing[]) =>
      listings.some((listing) => this.pairArc(listing.id, request.id) !== null);
    const owedWhole = (request: EngineRequest): boolean => {
      if ((received.get(request.id) ?? 0) >= request.remainingQuantity) {
        held.shares.set(request.id, request.remainingQuantity);
        return true;
      }
      return false;
    };
    for (const request of upserted) {
      if (owedWhole(request)) continue;
      if (received.has(request.id) || reachable(request, snapshot.listings)) return false;
      held.shares.delete(request.id); // no listing reaches it: no share
    }
    // A request no listing reached before, that a new or changed listing now reaches.
    if (loosened.length > 0) {
      for (const request of snapshot.requests) {
        if (held.shares.has(request.id) || !reachable(request, loosened)) continue;
        if (!owedWhole(request)) return false;
      }
    }
    const missed = shortOf(held.shares, received);
    for (const [id, short] of missed) if (short > (held.missed.get(id) ?? 0)) return false;
    held.missed = missed;
    return true;
  }

  /**
   * The live allocation, one allocation per pair (pieces merged back), sorted by listing then
   * request: what a run answered by the live market proposes (LiveMarkets).
   */
  allocations(): Allocation[] {
    return mergePieces(this.result().allocations);
  }

  /**
   * The arc the live market would use between a listing and a request (MarketSolver.pairArc),
   * also for a request it holds in pieces: they share every rule but their sizes.
   */
  pairArc(listingId: string, requestId: string): FeasibleArc | null {
    for (const id of this.pieces.get(requestId) ?? [requestId]) {
      const arc = this.solverOf.pairArc(listingId, id);
      if (arc) return { ...arc, requestId };
    }
    return null;
  }

  /** MarketSolver.minimumDelivered, for the settled check. */
  minimumDelivered(listing: EngineListing): number {
    return this.solverOf.minimumDelivered(listing);
  }

  /**
   * The exact optimum of the live market in true gains (before the shipped-unit rounding trim),
   * whatever the nudges: what a settled check compares between runs (MarketSolver.objective).
   */
  objective(): number {
    return this.solverOf.objective();
  }

  /** The live allocation's true gain after the minimum-order and rounding steps. */
  resultObjective(): number {
    return this.result().objective;
  }

  /** The solver's result, read once per state (a pass over every arc at national scale). */
  private result(): SolveMarketResult {
    this.results ??= this.solverOf.result();
    return this.results;
  }

  /**
   * Built preferring the open proposals (preferIncumbents, as a run's solve does): among the
   * optima, the one keeping the most of what is proposed. Without it a rebuild (a new owner, a
   * decline's exclusion, the clock) would break ties afresh, and the next run answered by the
   * live market would supersede proposals whose optimum had not changed.
   */
  private build(snapshot: MarketSnapshot): MarketSolver {
    this.listings.clear();
    this.requests.clear();
    this.pieces.clear();
    this.results = null;
    remember(this.listings, snapshot.listings, []);
    remember(this.requests, snapshot.requests, []);
    this.maxBonus = snapshot.agreements.reduce((m, a) => Math.max(m, a.bonusPerUnit), 0);
    const preferred = preferIncumbents(
      snapshot.requests,
      incumbentsOfProposals(snapshot.open),
      this.maxBonus,
    );
    this.scale = preferred.preference?.scale ?? 1;
    const input: SolveMarketInput = {
      commodityCode: snapshot.commodityCode,
      shelfLife: snapshot.shelfLife,
      listings: snapshot.listings,
      requests: preferred.requests,
      ...(preferred.preference ? { preference: preferred.preference } : {}),
      exclusions: snapshot.exclusions,
      network: this.network,
      now: snapshot.now.getTime(),
      // The same bonus lookup a run's solve uses (solvePlain): the arcs and gains agree.
      agreementBonus: agreementLookupFrom(snapshot.agreements, snapshot.commodityCode),
    };
    this.held = null;
    if (snapshot.rationing !== 'fair' || hasCommittedVolumes(snapshot)) {
      this.registerPieces(preferred.requests);
      const solver = MarketSolver.build(input);
      solver.prepareForChanges();
      return solver;
    }
    // Fair: the shares first, each as a guaranteed piece when the gain alone does not give it.
    const fair = buildFairSolver(input);
    this.registerPieces(fair.requests);
    fair.solver.prepareForChanges();
    const missed = shortOf(fair.shares, deliveredBeforeRounding(fair.solver));
    this.held = { shares: fair.shares, short: fair.short, missed };
    return fair.solver;
  }

  /**
   * Records which of the solver's requests are pieces of which request (pieces carry pieceOf;
   * the rest of a split request keeps the request's own id): a request changes or leaves in all
   * of them, and its pairs are found in any of them.
   */
  private registerPieces(requests: readonly EngineRequest[]): void {
    const present = new Set(requests.map((r) => r.id));
    for (const request of requests) {
      if (request.pieceOf === undefined) continue;
      let ids = this.pieces.get(request.pieceOf);
      if (!ids) {
        ids = present.has(request.pieceOf) ? [request.pieceOf] : [];
        this.pieces.set(request.pieceOf, ids);
      }
      ids.push(request.id);
    }
  }
}

function changesOf<T extends { id: string }>(
  known: ReadonlyMap<string, Readonly<T>>,
  current: readonly T[],
): { upserts: T[]; removes: string[] } {
  // The same frozen object is the same record (OpenMarketCache keeps its unchanged rows').
  const upserts = current.filter((item) => {
    const was = known.get(item.id);
    return was !== item && !sameRecord(was, item);
  });
  const ids = new Set(current.map((item) => item.id));
  const removes = [...known.keys()].filter((id) => !ids.has(id));
  return { upserts, removes };
}

/** Per request (its pieces together): what the solver's optimum delivers before the rounding trim. */
function deliveredBeforeRounding(solver: MarketSolver): Map<string, number> {
  const received = new Map<string, number>();
  for (const [id, quantity] of solver.deliveredBeforeRounding()) {
    const request = requestOfPiece(id);
    received.set(request, (received.get(request) ?? 0) + quantity);
  }
  return received;
}

/** Per request below its share: by how many units (the others are left out). */
function shortOf(
  shares: ReadonlyMap<string, number>,
  received: ReadonlyMap<string, number>,
): Map<string, number> {
  const short = new Map<string, number>();
  for (const [id, share] of shares) {
    const units = share - (received.get(id) ?? 0);
    if (units > 0) short.set(id, units);
  }
  return short;
}

/**
 * Whether a listing's change only offers less: the same listing with less left (a deal took part
 * of it). Such a change adds constraints and cannot raise a fair share.
 */
function onlyLess(was: Readonly<EngineListing> | undefined, listing: EngineListing): boolean {
  return (
    was !== undefined &&
    listing.remainingQuantity <= was.remainingQuantity &&
    sameRecord({ ...was, remainingQuantity: listing.remainingQuantity }, listing)
  );
}

/**
 * Whether two flat records (listings and requests hold numbers, strings, booleans and nulls) state
 * the same facts: the same keys with the same values, a key set to undefined counting as absent,
 * as in their JSON.
 */
export function sameRecord(a: object | undefined, b: object): boolean {
  if (a === undefined) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let defined = 0;
  for (const key in x) {
    const value = x[key];
    if (value === undefined) continue;
    defined++;
    if (value !== y[key]) return false;
  }
  for (const key in y) if (y[key] !== undefined) defined--;
  return defined === 0;
}

/**
 * Records what the solver now holds: frozen, so that nothing done to a snapshot changes them (a
 * frozen record is kept as it is: the next snapshot from OpenMarketCache holds the same object).
 */
function remember<T extends { id: string }>(
  known: Map<string, Readonly<T>>,
  changed: readonly T[],
  removed: readonly string[],
): void {
  for (const id of removed) known.delete(id);
  for (const item of changed) {
    known.set(item.id, Object.isFrozen(item) ? item : Object.freeze({ ...item }));
  }
}
