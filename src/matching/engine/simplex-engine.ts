import { forEachByGainDescending } from './gain-order';
import { GrowableFloat64, GrowableInt32 } from './growable-array';
import { NetworkSimplex } from './network-simplex';
import type { TransportProblem } from './transport-problem';

/** Arcs of greatest gain (ties) per listing and per request seeded into the simplex. */
const SEED_ARCS_PER_NODE = 2;
/** At most this many violated arcs per listing and per request join in each pricing round. */
const PRICED_ARCS_PER_NODE = 16;

export interface NewArc {
  /** The other end: a demand node when adding a supply node, and the reverse. */
  node: number;
  gain: number;
}

/**
 * The exact solver of one commodity's transportation problem, kept optimal under changes.
 *
 * A network simplex (network-simplex.ts) over a working subset of the candidate arcs, by column
 * generation: it starts on a few promising arcs (those a greedy allocation by decreasing gain
 * uses, which also give the starting tree, and the best arc of every listing and request);
 * then every arc left in the pool is priced with the simplex's duals, and for each listing and
 * request up to PRICED_ARCS_PER_NODE arcs violated by at least half its worst violation join the
 * simplex, until no pool arc is violated. That optimum is the optimum over all arcs (LP duality).
 *
 * Changes (new listings and requests with their arcs, removals) are applied to the live tree and
 * re-optimised by a few pivots from there, followed by the same pricing of the pool.
 *
 * Minimum order quantities are not part of the LP (they would make it a MIP). After optimising,
 * a listing with a trade below its minimum (while it has at least that minimum) keeps only the
 * trades that meet it: its other arcs are forbidden, it takes no new ones, and the problem is
 * re-solved, until no trade is below a minimum. A heuristic for the minimum-order part: the LP
 * part is exact, and every forbid-and-re-solve step is exact for the arcs that remain.
 *
 * A request split into pieces (the tie-breaking's, a fair share's) is one buyer: a listing's
 * trades with its pieces ship together and meet the minimum together (demandGroup).
 */
export class SimplexEngine {
  private readonly simplex: NetworkSimplex;
  /** The initial problem: its arcs not yet in the simplex wait in this pool. */
  private readonly pool: TransportProblem;
  /**
   * 1 for a pool arc already in the simplex. A byte, not the simplex arc's index: nothing reads
   * the index, and at 21 million candidate arcs (10,000 x 10,000 chili) the difference is 63 MB.
   */
  private readonly inSimplex: Uint8Array;
  private readonly poolSupplyCount: number;
  private poolIndex: { bySupply: PoolIndex; byDemand: PoolIndex } | null = null;
  private readonly violators = new GrowableInt32();
  private minOrder = new GrowableFloat64();
  private quantity = new GrowableFloat64();
  /** Per node: 1 = restricted to its current trades (minimum order), 2 = removed. */
  private status = new GrowableInt32();
  private forbidden = new Uint8Array(0);
  /** Per initial demand index: the index of the first piece of its request (null: no pieces). */
  private readonly demandGroup: Int32Array | null;
  /** Network simplex pivots of the initial solve. */
  readonly pivots: number;
  minOrderForbidden = 0;
  /** Nodes were removed since the last reoptimise() and their arcs are not forbidden yet. */
  private removalsPending = false;

  private constructor(
    problem: TransportProblem,
    minOrder: Float64Array | null,
    demandSlackCost: Float64Array | null,
    demandGroup: Int32Array | null,
  ) {
    const nS = problem.supply.length;
    const nD = problem.demand.length;
    const m = problem.arcCount;
    this.pool = problem;
    this.demandGroup = demandGroup;
    this.poolSupplyCount = nS;
    this.inSimplex = new Uint8Array(m);
    this.simplex = new NetworkSimplex(
      problem.supply,
      problem.demand,
      8 * (nS + nD),
      demandSlackCost,
    );
    this.status.push(0);
    this.minOrder.push(0);
    this.quantity.push(0);
    for (let i = 0; i < nS; i++) this.registerNode(minOrder ? minOrder[i] : 0, problem.supply[i]);
    for (let j = 0; j < nD; j++) this.registerNode(0, problem.demand[j]);

    const seed = greedySeed(problem);
    markBestArcs(seed, problem, SEED_ARCS_PER_NODE);
    for (let a = 0; a < m; a++) if (seed[a] === 1) this.admit(a);
    this.simplex.warmStart();
    this.reoptimise();
    this.pivots = this.simplex.pivots;
  }

  /**
   * Before the first change of a live market: index the pool by listing and by request, and let
   * the simplex record which potentials move, so that pricing only looks at the arcs that moved.
   * (A one-shot solve never pays for this.)
   */
  goLive(): void {
    if (this.poolIndex) return;
    const { arcFrom, arcTo, arcCount, supply, demand } = this.pool;
    this.poolIndex = {
      bySupply: indexBy(arcFrom, supply.length, arcCount),
      byDemand: indexBy(arcTo, demand.length, arcCount),
    };
    this.simplex.takeChangedNodes();
    this.simplex.trackChanges = true;
  }

  /**
   * Solves a problem from scratch. Node ids: see supplyNodeId and demandNodeId. A request with a
   * positive `demandSlackCost` pays that much per unit it does not receive (a fair share: see
   * NetworkSimplex).
   */
  static solve(
    problem: TransportProblem,
    minOrder: Float64Array | null = null,
    demandSlackCost: Float64Array | null = null,
    demandGroup: Int32Array | null = null,
  ): SimplexEngine {
    return new SimplexEngine(problem, minOrder, demandSlackCost, demandGroup);
  }

  /** Units of demand node `node` left unserved (its slack arc's flow). */
  unserved(node: number): number {
    return this.simplex.slackFlow(node);
  }

  /** The problem the engine was built from (all its candidate arcs). */
  get problem(): TransportProblem {
    return this.pool;
  }

  supplyNodeId(index: number): number {
    return 1 + index;
  }

  demandNodeId(index: number, supplyCount: number): number {
    return 1 + supplyCount + index;
  }

  /** Arcs in the simplex (trade and slack); ids run from 0 to arcCount - 1. */
  get arcCount(): number {
    return this.simplex.arcs;
  }

  /** Trade arcs the simplex works with (the rest of the candidates stayed in the pool). */
  get simplexArcs(): number {
    let count = 0;
    for (let a = 0; a < this.simplex.arcs; a++) if (this.simplex.isTrade(a)) count++;
    return count;
  }

  isTradeArc(arc: number): boolean {
    return this.simplex.isTrade(arc);
  }

  arcFrom(arc: number): number {
    return this.simplex.arcFrom(arc);
  }

  arcTo(arc: number): number {
    return this.simplex.arcTo(arc);
  }

  arcFlow(arc: number): number {
    return this.simplex.arcFlow(arc);
  }

  arcGain(arc: number): number {
    return this.simplex.arcGain(arc);
  }

  /** Sum of flow x gain over the trade arcs. */
  objective(): number {
    let total = 0;
    for (let a = 0; a < this.simplex.arcs; a++) {
      if (this.simplex.isTrade(a)) total += this.simplex.arcFlow(a) * this.simplex.arcGain(a);
    }
    return total;
  }

  /**
   * Whether the optimum puts the guaranteed requests' slack first by priority, not only at its
   * finite cost (NetworkSimplex.guaranteedFirst): checked on the simplex's arcs and on the pool's
   * (the arcs a listing may still take). True when no request is guaranteed.
   */
  guaranteedFirst(): boolean {
    const potentials = this.simplex.guaranteedFirst();
    if (!potentials) return false;
    const { tier, rest } = potentials;
    const { arcFrom, arcTo, arcGain, arcCount } = this.pool;
    const nS = this.poolSupplyCount;
    for (let a = 0; a < arcCount; a++) {
      if (this.inSimplex[a] === 1) continue;
      const from = 1 + arcFrom[a];
      const to = 1 + nS + arcTo[a];
      if (this.status.at(from) !== OPEN || this.status.at(to) === REMOVED) continue;
      // A trade arc's cost (-gain) has no M part.
      const rcTier = tier[from] - tier[to];
      if (rcTier < 0 || (rcTier === 0 && -arcGain[a] + rest[from] - rest[to] < 0)) return false;
    }
    return true;
  }

  /** Adds a listing with its arcs (to live demand nodes). Takes effect at reoptimise(). */
  addSupplyNode(quantity: number, minOrderQuantity: number, arcs: readonly NewArc[]): number {
    this.goLive();
    const node = this.simplex.addSupplyNode(quantity);
    this.registerNode(minOrderQuantity, quantity);
    for (const arc of arcs) {
      if (this.status.at(arc.node) !== REMOVED) this.addArc(node, arc.node, arc.gain);
    }
    return node;
  }

  /** Adds a request with its arcs (from live, unrestricted supply nodes). */
  addDemandNode(quantity: number, arcs: readonly NewArc[]): number {
    this.goLive();
    const node = this.simplex.addDemandNode(quantity);
    this.registerNode(0, quantity);
    for (const arc of arcs) {
      if (this.status.at(arc.node) === OPEN) this.addArc(arc.node, node, arc.gain);
    }
    return node;
  }

  /**
   * Takes a node out of the market for good: its arcs are forbidden, its flow goes to slack, at
   * the next reoptimise(): one pass over the arcs serves every node removed since the last one.
   */
  removeNode(node: number): void {
    this.goLive();
    this.status.set(node, REMOVED);
    this.removalsPending = true;
  }

  /** Restores optimality after changes: pivots, pool pricing and the minimum-order rule. */
  reoptimise(): void {
    if (this.removalsPending) {
      this.removalsPending = false;
      const s = this.simplex;
      for (let a = 0; a < s.arcs; a++) {
        if (
          s.isTrade(a) &&
          (this.status.at(s.arcFrom(a)) === REMOVED || this.status.at(s.arcTo(a)) === REMOVED)
        )
          this.forbid(a);
      }
    }
    for (;;) {
      this.simplex.run();
      if (this.admitViolatedPoolArcs()) continue;
      if (this.applyMinimumOrders()) continue;
      return;
    }
  }

  /**
   * Prices the pool with the simplex's duals and admits, for each listing and request, up to
   * PRICED_ARCS_PER_NODE arcs violated by at least half its worst violation (all violated arcs
   * at once would undo the sparsity while the duals are still poor). True if any was admitted.
   */
  private admitViolatedPoolArcs(): boolean {
    const { arcFrom, arcTo, arcGain, arcCount } = this.pool;
    const pi = this.simplex.pi;
    const inSimplex = this.inSimplex;
    const nS = this.poolSupplyCount;
    const violators = this.violators;
    violators.length = 0;
    // Only the arcs at nodes whose potential moved can have become violated; each changed node
    // brings all its pool arcs, so past a few of them one pass over the pool is cheaper.
    const changed = this.simplex.takeChangedNodes();
    const local =
      changed !== null && this.poolIndex !== null && changed.length * 8 < this.simplex.nodes;
    if (!local) {
      for (let a = 0; a < arcCount; a++) {
        if (inSimplex[a] === 1) continue;
        // Minus the reduced cost: positive when the arc would improve the solution.
        if (arcGain[a] + pi[1 + nS + arcTo[a]] - pi[1 + arcFrom[a]] > 0) violators.push(a);
      }
    } else {
      const { bySupply, byDemand } = this.poolIndex!;
      for (const node of changed) {
        const index = node <= nS ? bySupply : byDemand;
        const key = node <= nS ? node - 1 : node - 1 - nS;
        if (key < 0 || key >= index.begin.length) continue;
        const arcs = index.arcs;
        for (let k = index.begin[key]; k < index.end[key]; k++) {
          const a = arcs === null ? k : arcs[k];
          if (inSimplex[a] === 1) continue;
          if (arcGain[a] + pi[1 + nS + arcTo[a]] - pi[1 + arcFrom[a]] > 0) violators.push(a);
        }
      }
    }
    if (violators.length === 0) return false;

    // A local scan can see an arc twice and in any order: sort and skip repeats.
    const candidates = violators.toArray();
    if (local) candidates.sort();
    const worst = new Float64Array(this.simplex.nodes);
    const admitted = new Int32Array(this.simplex.nodes);
    const live = new GrowableInt32();
    for (let k = 0; k < candidates.length; k++) {
      const a = candidates[k];
      if (k > 0 && candidates[k - 1] === a) continue;
      const from = 1 + arcFrom[a];
      const to = 1 + nS + arcTo[a];
      if (this.status.at(from) !== OPEN || this.status.at(to) === REMOVED) continue;
      const x = arcGain[a] + pi[to] - pi[from];
      live.push(a);
      if (x > worst[from]) worst[from] = x;
      if (x > worst[to]) worst[to] = x;
    }
    let any = false;
    for (let k = 0; k < live.length; k++) {
      const a = live.at(k);
      const from = 1 + arcFrom[a];
      const to = 1 + nS + arcTo[a];
      const x = arcGain[a] + pi[to] - pi[from];
      if (
        (2 * x >= worst[from] && admitted[from] < PRICED_ARCS_PER_NODE) ||
        (2 * x >= worst[to] && admitted[to] < PRICED_ARCS_PER_NODE)
      ) {
        admitted[from]++;
        admitted[to]++;
        this.admit(a);
        any = true;
      }
    }
    return any;
  }

  /** Restricts listings with a trade below their minimum (see the class comment). */
  private applyMinimumOrders(): boolean {
    const s = this.simplex;
    const restricted: number[] = [];
    const tradeFlow = this.tradeFlows();
    for (let a = 0; a < s.arcs; a++) {
      if (!s.isTrade(a) || this.forbidden[a] === 1) continue;
      const flow = tradeFlow(a);
      const from = s.arcFrom(a);
      const minimum = this.minOrder.at(from);
      const status = this.status.at(from);
      if (flow > 0 && flow < minimum && this.quantity.at(from) >= minimum && status !== REMOVED) {
        // A listing already restricted can fall below again after a re-solve: cut that too.
        if (status === OPEN) this.status.set(from, RESTRICTED);
        restricted.push(from);
      }
    }
    if (restricted.length === 0) return false;
    for (let a = 0; a < s.arcs; a++) {
      if (!s.isTrade(a) || this.forbidden[a] === 1) continue;
      const from = s.arcFrom(a);
      if (this.status.at(from) === RESTRICTED && tradeFlow(a) < this.minOrder.at(from)) {
        this.forbid(a);
        this.minOrderForbidden++;
      }
    }
    return true;
  }

  /**
   * The flow of the trade an arc belongs to: the arc's own, or, where requests were split into
   * pieces, the flow from its listing to all pieces of its request (one shipment to one buyer).
   */
  private tradeFlows(): (arc: number) => number {
    const s = this.simplex;
    const groups = this.demandGroup;
    if (!groups) return (arc) => s.arcFlow(arc);
    const firstDemand = 1 + this.poolSupplyCount;
    // Demand nodes added later (live changes) are never pieces: their group is themselves.
    const groupOf = (node: number) =>
      node - firstDemand < groups.length ? firstDemand + groups[node - firstDemand] : node;
    const byTrade = new Map<number, number>();
    const nodes = s.nodes + 1;
    const key = (a: number) => s.arcFrom(a) * nodes + groupOf(s.arcTo(a));
    for (let a = 0; a < s.arcs; a++) {
      if (!s.isTrade(a) || this.forbidden[a] === 1) continue;
      const flow = s.arcFlow(a);
      if (flow > 0) byTrade.set(key(a), (byTrade.get(key(a)) ?? 0) + flow);
    }
    return (arc) => (s.arcFlow(arc) > 0 ? byTrade.get(key(arc))! : 0);
  }

  private admit(poolIndex: number): void {
    const nS = this.poolSupplyCount;
    this.addArc(
      1 + this.pool.arcFrom[poolIndex],
      1 + nS + this.pool.arcTo[poolIndex],
      this.pool.arcGain[poolIndex],
    );
    this.inSimplex[poolIndex] = 1;
  }

  private addArc(from: number, to: number, gain: number): number {
    const arc = this.simplex.addTradeArc(from, to, gain);
    if (arc >= this.forbidden.length) {
      const bigger = new Uint8Array(Math.max(1024, 2 * arc));
      bigger.set(this.forbidden);
      this.forbidden = bigger;
    }
    return arc;
  }

  private forbid(arc: number): void {
    if (this.forbidden[arc] === 1) return;
    this.forbidden[arc] = 1;
    this.simplex.forbidArc(arc);
  }

  private registerNode(minOrder: number, quantity: number): void {
    this.minOrder.push(minOrder);
    this.quantity.push(quantity);
    this.status.push(OPEN);
  }
}

export interface PoolIndex {
  /**
   * Pool arc indexes grouped by node; null when the pool already holds each node's arcs in one
   * block of its own (then the pool's own indexes are the list).
   */
  arcs: Int32Array | null;
  /** Node k's arcs are arcs[begin[k]] to arcs[end[k] - 1] (arcs null: pool arcs begin[k] to end[k] - 1). */
  begin: Int32Array;
  end: Int32Array;
}

export function indexBy(key: ArrayLike<number>, keyCount: number, arcCount: number): PoolIndex {
  return blocksOf(key, keyCount, arcCount) ?? groupedBy(key, keyCount, arcCount);
}

/**
 * Each key's arcs as the block they already are, or null when some key's arcs are not together.
 * A market's arcs are generated listing by listing (MarketSolver), so its index by listing needs
 * no list of its own: at 21 million candidate arcs that list was 84 MB.
 */
export function blocksOf(
  key: ArrayLike<number>,
  keyCount: number,
  arcCount: number,
): PoolIndex | null {
  const begin = new Int32Array(keyCount).fill(-1);
  const end = new Int32Array(keyCount);
  for (let a = 0; a < arcCount; a++) {
    const k = key[a];
    if (begin[k] < 0) begin[k] = a;
    else if (end[k] !== a) return null;
    end[k] = a + 1;
  }
  for (let k = 0; k < keyCount; k++) if (begin[k] < 0) begin[k] = 0;
  return { arcs: null, begin, end };
}

function groupedBy(key: ArrayLike<number>, keyCount: number, arcCount: number): PoolIndex {
  const start = new Int32Array(keyCount + 1);
  for (let a = 0; a < arcCount; a++) start[key[a] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const fill = start.slice(0, keyCount);
  const arcs = new Int32Array(arcCount);
  for (let a = 0; a < arcCount; a++) arcs[fill[key[a]]++] = a;
  return { arcs, begin: start.subarray(0, keyCount), end: start.subarray(1) };
}

const OPEN = 0;
const RESTRICTED = 1;
const REMOVED = 2;

/** Marks the arcs a greedy allocation uses: by decreasing gain, each takes what both ends have. */
function greedySeed(problem: TransportProblem): Uint8Array {
  const { arcFrom, arcTo, arcGain, arcCount } = problem;
  const used = new Uint8Array(arcCount);
  const supply = problem.supply.slice();
  const demand = problem.demand.slice();
  forEachByGainDescending(
    arcGain,
    arcCount,
    (a) => supply[arcFrom[a]] > 0 && demand[arcTo[a]] > 0,
    (a) => {
      const i = arcFrom[a];
      const j = arcTo[a];
      const q = supply[i] < demand[j] ? supply[i] : demand[j];
      if (q > 0) {
        used[a] = 1;
        supply[i] -= q;
        demand[j] -= q;
      }
    },
  );
  return used;
}

/** Marks, for every supply and demand node, its arc of greatest gain (up to k when tied). */
function markBestArcs(marks: Uint8Array, problem: TransportProblem, k: number): void {
  const { arcFrom, arcTo, arcGain, arcCount } = problem;
  const nS = problem.supply.length;
  const nD = problem.demand.length;
  const bestS = new Float64Array(nS).fill(-Infinity);
  const bestD = new Float64Array(nD).fill(-Infinity);
  for (let a = 0; a < arcCount; a++) {
    if (arcGain[a] > bestS[arcFrom[a]]) bestS[arcFrom[a]] = arcGain[a];
    if (arcGain[a] > bestD[arcTo[a]]) bestD[arcTo[a]] = arcGain[a];
  }
  const countS = new Int32Array(nS);
  const countD = new Int32Array(nD);
  for (let a = 0; a < arcCount; a++) {
    const i = arcFrom[a];
    const j = arcTo[a];
    if (arcGain[a] >= bestS[i] && countS[i] < k) {
      countS[i]++;
      marks[a] = 1;
    } else if (arcGain[a] >= bestD[j] && countD[j] < k) {
      countD[j]++;
      marks[a] = 1;
    }
  }
}
