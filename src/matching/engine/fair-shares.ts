import { indexBy, type PoolIndex } from './simplex-engine';

/**
 * Fair shares of a market in shortage: the lexicographic max-min of fill ratios
 * (allocated / requested) over the requests that have at least one arc, in whole units.
 *
 * Water-filling: raise a common fill ratio t for every request still "active" until the next
 * whole unit can no longer go to all of them; the requests that cannot take one more unit at that
 * level (their reachable supply is exhausted) are frozen there; continue with the rest, until
 * every request is frozen or fully served. Each level is exact over integer allocations:
 *
 * - a request's lower bound at ratio t is ceil(t x q) whole units; it only changes at fractions
 *   k / q, so the largest feasible t is one of those fractions, found by a search that only ever
 *   tests such candidates, each the largest the minimum cut of the last infeasible test allows
 *   (exact integer comparisons: no rounding decides a level);
 * - feasibility of a vector of lower bounds is one max-flow (source -> listing, capacity its
 *   deliverable supply; listing -> request, unbounded; request -> sink, capacity its bound):
 *   feasible iff the flow saturates every bound (integral flows: whole units suffice);
 * - after a level, one search in the residual graph of that flow tells which requests could take
 *   one more unit (a path from a listing with spare capacity): the others are frozen. When every
 *   request could take one more unit alone but not all of those at the level together (a last
 *   unit that cannot be split), those are frozen together: at most one unit each short of a
 *   lexicographic optimum from the second level on; the first level (the smallest fill ratio) is
 *   exact in every case.
 *
 * Minimum orders are not part of this (it would be a MIP): shares are computed on the relaxation,
 * and the solve with the shares as lower bounds applies the minimum-order rule after (see
 * rationing.ts).
 */

export interface ShareProblem {
  /** Per listing: what it can deliver. */
  supply: ArrayLike<number>;
  /** Per request (or group of pieces): what it asks for. */
  demand: ArrayLike<number>;
  arcFrom: ArrayLike<number>;
  arcTo: ArrayLike<number>;
  arcCount: number;
}

/** An exact ratio numerator / denominator (both whole, denominator > 0). */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export interface FairShares {
  /** Per request: the whole units it is guaranteed (0 for a request without arcs). */
  share: number[];
  /** Per request: the level it was frozen at, or null for a request without arcs. */
  level: (Ratio | null)[];
  /** The smallest fill ratio any allocation can guarantee to every servable request. */
  minRatio: Ratio;
  /** Distinct levels of the water-filling. */
  levels: number;
  /** Some servable request cannot be fully served in any allocation meeting the others' shares. */
  deficit: boolean;
  /** Max-flow runs (for benchmarks). */
  flows: number;
}

const ONE: Ratio = { numerator: 1, denominator: 1 };

/** a x b exactly compared with c x d (BigInt only when the products could round). */
function compareProducts(a: number, b: number, c: number, d: number): number {
  const left = a * b;
  const right = c * d;
  if (left < 2 ** 53 && right < 2 ** 53) return left < right ? -1 : left > right ? 1 : 0;
  const l = BigInt(a) * BigInt(b);
  const r = BigInt(c) * BigInt(d);
  return l < r ? -1 : l > r ? 1 : 0;
}

export function compareRatios(x: Ratio, y: Ratio): number {
  return compareProducts(x.numerator, y.denominator, y.numerator, x.denominator);
}

/** floor(a x b / d) for whole a, b and d > 0, exactly. */
function floorMulDiv(a: number, b: number, d: number): number {
  const p = a * b;
  if (p < 2 ** 53) {
    let q = Math.floor(p / d);
    while (q * d > p) q--;
    while ((q + 1) * d <= p) q++;
    return q;
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(d));
}

/** ceil(t x q): the whole units a request of q needs for a fill ratio of at least t. */
export function unitsAt(t: Ratio, quantity: number): number {
  const floor = floorMulDiv(t.numerator, quantity, t.denominator);
  return compareProducts(floor, t.denominator, t.numerator, quantity) === 0 ? floor : floor + 1;
}

/**
 * Max-flow on source -> listings -> requests -> sink (Dinic, iterative), kept between calls: the
 * request bounds only grow during a search, so each check augments from the last feasible flow.
 *
 * The graph is the problem's own arcs, not a copy of them as edges. A listing -> request edge is
 * unbounded, so its forward residual is always positive and its reverse residual is its flow: a
 * listing's walk needs only the problem's arcTo, and a request's its arcs' listings and flows,
 * kept here in the request's order so that the walk reads memory in order. 8 bytes an arc, where
 * a graph of edges and reverse edges with their heads and residuals took 24: at 10,000 x 10,000
 * of chili (21 million arcs) that graph was 500 MB, held with the pairs at the fair build's peak.
 *
 * A request's arcs are by listing (a counting sort of the arcs taken listing by listing), so a
 * unit pushed along listing i -> request j finds its arc's place by a binary search; parallel arcs
 * of one pair, both unbounded, are one edge to the flow.
 *
 * Edge ids, the journal's and the path's: source -> listing i is i, the arc at position p of the
 * requests' order is nS + p, request j -> sink is sinkBase + j; request j's bound is journaled as
 * id `edges + j`. A node's walk (Dinic's `iter`) goes through positions: a listing's in the
 * engine's index by listing (`indexBy`: the arcs themselves when each listing's are one block, as
 * a build makes them), a request's in the requests' order with one more position for its sink
 * edge.
 */
class BoundedFlow {
  readonly source: number;
  readonly sink: number;
  private readonly nS: number;
  private readonly arcTo: ArrayLike<number>;
  private readonly supply: ArrayLike<number>;
  /** Listing i's arcs: positions begin[i] to end[i] - 1, of `arcs` (null: the arcs themselves). */
  private readonly byListing: PoolIndex;
  /** Request j's arcs at positions requestFirst[j] to requestFirst[j + 1] - 1; its sink edge next. */
  private readonly requestFirst: Int32Array;
  /** The listing of the arc at each position of the requests' order (ascending per request). */
  private readonly requestFrom: Int32Array;
  /** Flows' ids: arcs from nS, sink edges from sinkBase = nS + arcCount, `edges` in all. */
  private readonly sinkBase: number;
  private readonly edges: number;
  /**
   * Whole units in 32 bits when the market's supply and demand together stay below 2^30 (always
   * so for one commodity: a million tonnes), else doubles: no flow or bound can then wrap.
   */
  private readonly flowOf: Int32Array | Float64Array;
  /** Per request: its bound (the sink edge's capacity). */
  private readonly bound: Int32Array | Float64Array;
  private readonly level: Int32Array;
  private readonly iter: Int32Array;
  private readonly queue: Int32Array;
  /** The path being searched: each step's edge id, +1 forward or -1 against it, and its tail. */
  private readonly pathEdge: Int32Array;
  private readonly pathDirection: Int8Array;
  private readonly pathTail: Int32Array;
  flow = 0;
  runs = 0;
  /**
   * Undo journal since the last `commit`: each changed flow or bound and its value before. A test
   * that proves infeasible is rolled back from it. Copying the whole state instead (85 MB at
   * 5,000 x 5,000 per feasible test) spent a third of fair rationing in the copies and the
   * garbage collector.
   */
  private journalEdge = new Int32Array(1024);
  private journalValue = new Float64Array(1024);
  private journalLength = 0;
  private committedFlow = 0;

  constructor(problem: ShareProblem, nS: number, nD: number) {
    const { arcFrom, arcTo, arcCount, supply, demand } = problem;
    this.nS = nS;
    this.source = nS + nD;
    this.sink = nS + nD + 1;
    this.arcTo = arcTo;
    this.supply = supply;
    this.sinkBase = nS + arcCount;
    this.edges = nS + arcCount + nD;
    const byListing = indexBy(arcFrom, nS, arcCount);
    this.byListing = byListing;
    this.requestFirst = new Int32Array(nD + 1);
    for (let a = 0; a < arcCount; a++) this.requestFirst[arcTo[a] + 1]++;
    for (let j = 0; j < nD; j++) this.requestFirst[j + 1] += this.requestFirst[j];
    // Listing by listing, so that each request's arcs come in increasing listing (placeOf).
    this.requestFrom = new Int32Array(arcCount);
    const fill = this.requestFirst.slice(0, nD);
    const { arcs, begin, end } = byListing;
    for (let i = 0; i < nS; i++) {
      for (let p = begin[i]; p < end[i]; p++)
        this.requestFrom[fill[arcTo[arcs === null ? p : arcs[p]]]++] = i;
    }

    let total = 0;
    let whole = true;
    for (let i = 0; i < nS; i++) {
      total += supply[i];
      whole &&= Number.isInteger(supply[i]);
    }
    for (let j = 0; j < nD; j++) {
      total += demand[j];
      whole &&= Number.isInteger(demand[j]);
    }
    const narrow = whole && total < 2 ** 30;
    this.flowOf = narrow ? new Int32Array(this.edges) : new Float64Array(this.edges);
    this.bound = narrow ? new Int32Array(nD) : new Float64Array(nD);
    const nodes = nS + nD + 2;
    this.level = new Int32Array(nodes);
    this.iter = new Int32Array(nodes);
    this.queue = new Int32Array(nodes);
    this.pathEdge = new Int32Array(nodes);
    this.pathDirection = new Int8Array(nodes);
    this.pathTail = new Int32Array(nodes);
  }

  /** Raises request j's bound by `by` units (its sink edge's capacity). */
  raise(j: number, by: number): void {
    this.change(this.edges + j, this.bound[j] + by);
  }

  /** Sets a flow (id below `edges`) or a bound, journaled. */
  private change(id: number, value: number): void {
    if (this.journalLength === this.journalEdge.length) {
      const edges = new Int32Array(2 * this.journalLength);
      const values = new Float64Array(2 * this.journalLength);
      edges.set(this.journalEdge);
      values.set(this.journalValue);
      this.journalEdge = edges;
      this.journalValue = values;
    }
    this.journalEdge[this.journalLength] = id;
    if (id < this.edges) {
      this.journalValue[this.journalLength++] = this.flowOf[id];
      this.flowOf[id] = value;
    } else {
      this.journalValue[this.journalLength++] = this.bound[id - this.edges];
      this.bound[id - this.edges] = value;
    }
  }

  /** Augments to a maximum flow; returns the total flow. */
  maximise(): number {
    this.runs++;
    while (this.bfs(this.source, true)) {
      const { iter, nS } = this;
      iter.set(this.byListing.begin, 0);
      iter.set(this.requestFirst.subarray(0, this.source - nS), nS);
      iter[this.source] = 0;
      let paths = 0;
      for (;;) {
        const pushed = this.augment();
        if (pushed === 0) break;
        this.flow += pushed;
        paths++;
      }
      // A phase whose levels reach the sink pushes at least one path; one that does not would
      // loop here for ever (the walks of the search and of the levels disagree): fail instead.
      if (paths === 0) throw new Error('max-flow: the sink is levelled but unreachable');
    }
    return this.flow;
  }

  /** The position of an arc listing i -> request j among j's arcs (by listing: a binary search). */
  private placeOf(i: number, j: number): number {
    const { requestFrom } = this;
    let lo = this.requestFirst[j];
    let hi = this.requestFirst[j + 1] - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (requestFrom[mid] < i) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Levels by breadth-first search from `from` over edges with residual capacity; with
   * `toSink` false the sink edges are left out (which listings and requests a unit could reach).
   * Nothing is searched beyond the sink, and no edge leads back to the source usefully.
   */
  bfs(from: number, toSink: boolean): boolean {
    const { level, queue, nS, source, sink, arcTo, flowOf, bound, supply } = this;
    const { requestFirst, requestFrom, sinkBase } = this;
    const { arcs, begin, end: listingEnd } = this.byListing;
    level.fill(-1);
    let read = 0;
    let write = 0;
    level[from] = 0;
    queue[write++] = from;
    while (read < write) {
      const node = queue[read++];
      const next = level[node] + 1;
      if (node === source) {
        for (let i = 0; i < nS; i++) {
          if (level[i] >= 0 || supply[i] - flowOf[i] <= 0) continue;
          level[i] = next;
          queue[write++] = i;
        }
      } else if (node < nS) {
        for (let p = begin[node]; p < listingEnd[node]; p++) {
          const target = nS + arcTo[arcs === null ? p : arcs[p]];
          if (level[target] >= 0) continue;
          level[target] = next;
          queue[write++] = target;
        }
      } else if (node < source) {
        const j = node - nS;
        for (let p = requestFirst[j], end = requestFirst[j + 1]; p < end; p++) {
          if (flowOf[nS + p] <= 0) continue;
          const target = requestFrom[p];
          if (level[target] >= 0) continue;
          level[target] = next;
          queue[write++] = target;
        }
        if (toSink && level[sink] < 0 && bound[j] - flowOf[sinkBase + j] > 0) {
          level[sink] = next;
          queue[write++] = sink;
        }
      }
    }
    return level[sink] >= 0;
  }

  reached(node: number): boolean {
    return this.level[node] >= 0;
  }

  /** One blocking-flow path by iterative depth-first search; the units pushed (0: none left). */
  private augment(): number {
    const { level, iter, nS, source, sink, arcTo, flowOf, bound, supply } = this;
    const { requestFirst, requestFrom, sinkBase } = this;
    const { arcs, end: listingEnd } = this.byListing;
    const { pathEdge, pathDirection, pathTail } = this;
    let node = source;
    let depth = 0;
    for (;;) {
      if (node === sink) {
        let pushed = Infinity;
        for (let k = 0; k < depth; k++) {
          const e = pathEdge[k];
          const residual =
            pathDirection[k] < 0
              ? flowOf[e]
              : e < nS
                ? supply[e] - flowOf[e]
                : e >= sinkBase
                  ? bound[e - sinkBase] - flowOf[e]
                  : Infinity;
          pushed = Math.min(pushed, residual);
        }
        for (let k = 0; k < depth; k++) {
          const e = pathEdge[k];
          this.change(e, flowOf[e] + pathDirection[k] * pushed);
        }
        return pushed;
      }
      const want = level[node] + 1;
      let edge = -1;
      let direction = 1;
      let head = -1;
      if (node === source) {
        let i = iter[node];
        while (i < nS && (level[i] !== want || supply[i] - flowOf[i] <= 0)) i++;
        iter[node] = i;
        if (i < nS) {
          edge = i;
          head = i;
        }
      } else if (node < nS) {
        let p = iter[node];
        const end = listingEnd[node];
        while (p < end && level[nS + arcTo[arcs === null ? p : arcs[p]]] !== want) p++;
        iter[node] = p;
        if (p < end) {
          const j = arcTo[arcs === null ? p : arcs[p]];
          edge = nS + this.placeOf(node, j);
          head = nS + j;
        }
      } else {
        const j = node - nS;
        let p = iter[node];
        const end = requestFirst[j + 1];
        while (p < end && (flowOf[nS + p] <= 0 || level[requestFrom[p]] !== want)) p++;
        iter[node] = p;
        if (p < end) {
          edge = nS + p;
          direction = -1;
          head = requestFrom[p];
        } else if (p === end && level[sink] === want && bound[j] - flowOf[sinkBase + j] > 0) {
          edge = sinkBase + j;
          head = sink;
        }
      }
      if (edge >= 0) {
        pathEdge[depth] = edge;
        pathDirection[depth] = direction;
        pathTail[depth++] = node;
        node = head;
        continue;
      }
      // Dead end: no edge of this node leads on; retreat and skip the edge that led here.
      level[node] = -1;
      if (depth === 0) return 0;
      node = pathTail[--depth];
      iter[node]++;
    }
  }

  /** The current flow becomes the one `rollback` returns to. */
  commit(): void {
    this.journalLength = 0;
    this.committedFlow = this.flow;
  }

  /** Undoes every change since the last `commit`, newest first. */
  rollback(): void {
    for (let k = this.journalLength - 1; k >= 0; k--) {
      const id = this.journalEdge[k];
      if (id < this.edges) this.flowOf[id] = this.journalValue[k];
      else this.bound[id - this.edges] = this.journalValue[k];
    }
    this.journalLength = 0;
    this.flow = this.committedFlow;
  }
}

/** Requests on the sink side of a minimum cut: their bounds exceeded `capacity` (see fairShares). */
interface ViolatedSet {
  /** Active requests (bounds rise with the ratio) and their bounds before the test. */
  rising: number[];
  base: number[];
  /** The frozen requests' bounds. */
  fixed: number;
  capacity: number;
}

/**
 * The lexicographic max-min shares of a market (see the file comment), with the water-filling
 * narrowed to the market's shortage first.
 *
 * One max-flow with every servable request's whole quantity as its bound splits the market along
 * a minimum cut. The requests the source can still reach in the residual graph are served in full
 * (their sink edges are saturated), and from listings that reach no request beyond the cut; the
 * requests beyond it reach only listings beyond it, whose supply that flow uses up on them alone.
 * So no allocation can give those requests more than those listings hold, and none needs those
 * listings for anyone else: the requests before the cut have their whole quantity (fill ratio 1,
 * the largest), and the levels below 1 are the water-filling of the shortage alone, the listings
 * and requests beyond the cut and the arcs between them.
 *
 * At 10,000 x 10,000 of chili (20.4 million arcs) 122 of 8,384 servable requests are short: each
 * of the ten levels below 1 ran its max-flows over every arc, 2-5 s a level and 40 s in all,
 * where one max-flow over every arc and the levels on the shortage's arcs cost a few seconds.
 */
export function fairShares(problem: ShareProblem): FairShares {
  const nD = problem.demand.length;
  const servable = servableRequests(problem);
  const whole = (j: number): number => (servable[j] === 1 ? problem.demand[j] : 0);
  const cut = shortageOf(problem, servable);
  if (cut.requests.length === 0) {
    return {
      share: Array.from({ length: nD }, (_, j) => whole(j)),
      level: Array.from({ length: nD }, (_, j) => (servable[j] === 1 ? ONE : null)),
      minRatio: ONE,
      levels: servable.includes(1) ? 1 : 0,
      deficit: false,
      flows: cut.flows,
    };
  }

  const requestIndex = new Int32Array(nD).fill(-1);
  cut.requests.forEach((j, k) => (requestIndex[j] = k));
  const listingIndex = new Int32Array(problem.supply.length).fill(-1);
  cut.listings.forEach((i, k) => (listingIndex[i] = k));
  const arcFrom: number[] = [];
  const arcTo: number[] = [];
  for (let a = 0; a < problem.arcCount; a++) {
    const to = requestIndex[problem.arcTo[a]];
    if (to < 0) continue;
    arcFrom.push(listingIndex[problem.arcFrom[a]]);
    arcTo.push(to);
  }
  const shortage = waterFill({
    supply: cut.listings.map((i) => problem.supply[i]),
    demand: cut.requests.map((j) => problem.demand[j]),
    arcFrom,
    arcTo,
    arcCount: arcFrom.length,
  });
  const share = Array.from({ length: nD }, (_, j) =>
    requestIndex[j] >= 0 ? shortage.share[requestIndex[j]] : whole(j),
  );
  const level = Array.from({ length: nD }, (_, j) =>
    requestIndex[j] >= 0 ? shortage.level[requestIndex[j]] : servable[j] === 1 ? ONE : null,
  );
  return {
    share,
    level,
    minRatio: shortage.minRatio,
    levels: new Set(level.flatMap((l) => (l === null ? [] : [l.numerator / l.denominator]))).size,
    deficit: true,
    flows: cut.flows + shortage.flows,
  };
}

/**
 * The listings and requests beyond the minimum cut of a max-flow that bounds every servable
 * request by its whole quantity (none when that flow serves them all). Its own function so that
 * the graph over every arc is freed before the shortage's water-filling builds its own.
 */
function shortageOf(
  problem: ShareProblem,
  servable: Uint8Array,
): { listings: number[]; requests: number[]; flows: number } {
  const nS = problem.supply.length;
  const nD = problem.demand.length;
  const graph = new BoundedFlow(problem, nS, nD);
  let needed = 0;
  for (let j = 0; j < nD; j++) {
    if (servable[j] === 0) continue;
    graph.raise(j, problem.demand[j]);
    needed += problem.demand[j];
  }
  if (graph.maximise() >= needed) return { listings: [], requests: [], flows: graph.runs };
  graph.bfs(graph.source, true);
  const listings: number[] = [];
  for (let i = 0; i < nS; i++) if (!graph.reached(i)) listings.push(i);
  const requests: number[] = [];
  for (let j = 0; j < nD; j++) if (servable[j] === 1 && !graph.reached(nS + j)) requests.push(j);
  return { listings, requests, flows: graph.runs };
}

/** 1 for each request with a positive quantity and at least one arc. */
function servableRequests(problem: ShareProblem): Uint8Array {
  const servable = new Uint8Array(problem.demand.length);
  for (let a = 0; a < problem.arcCount; a++) servable[problem.arcTo[a]] = 1;
  for (let j = 0; j < problem.demand.length; j++) if (!(problem.demand[j] > 0)) servable[j] = 0;
  return servable;
}

/**
 * The water-filling itself, every level's max-flows over the whole problem given. fairShares calls
 * it on the shortage alone; exported for the test that checks both agree.
 */
export function waterFill(problem: ShareProblem): FairShares {
  const nS = problem.supply.length;
  const nD = problem.demand.length;
  const quantity = Array.from({ length: nD }, (_, j) => problem.demand[j]);
  const servable = servableRequests(problem);

  const graph = new BoundedFlow(problem, nS, nD);
  const share = new Array<number>(nD).fill(0);
  const level: (Ratio | null)[] = new Array<Ratio | null>(nD).fill(null);
  let active: number[] = [];
  for (let j = 0; j < nD; j++) if (servable[j] === 1) active.push(j);

  let levels = 0;
  let minRatio: Ratio | null = null;
  let deficit = false;
  let lo: Ratio = { numerator: 0, denominator: 1 };

  /** Sets the active requests' bounds to ratio t and reports whether every bound is met. */
  const feasibleAt = (t: Ratio): boolean => {
    let needed = graph.flow;
    for (const j of active) {
      const units = unitsAt(t, quantity[j]);
      if (units > share[j]) {
        graph.raise(j, units - share[j]);
        needed += units - share[j];
        share[j] = units;
      }
    }
    return graph.maximise() >= needed;
  };

  const isActive = new Uint8Array(nD);
  let lastCut: ViolatedSet | null = null;

  /**
   * After an infeasible maximum flow: the requests the source cannot reach in the residual graph
   * (the sink side of a minimum cut) with the bounds they had before the test (frozen requests
   * keep theirs), and C, the supply of the listings on the sink side: every listing able to
   * serve one of those requests is there (listing -> request arcs are unbounded).
   */
  const cutOf = (before: readonly number[]): ViolatedSet => {
    graph.bfs(graph.source, true);
    let capacity = 0;
    for (let i = 0; i < nS; i++) if (!graph.reached(i)) capacity += problem.supply[i];
    const rising: number[] = [];
    let fixed = 0;
    for (let j = 0; j < nD; j++) {
      if (graph.reached(nS + j)) continue;
      if (isActive[j] === 1) rising.push(j);
      else fixed += share[j];
    }
    return { rising, base: rising.map((j) => before[j]), fixed, capacity };
  };

  /** The largest candidate ratio at or above lo keeping the violated set's bounds within C. */
  const largestWithinCut = (cut: ViolatedSet, lo: Ratio): Ratio => {
    const within = (t: Ratio): boolean => {
      let total = cut.fixed;
      cut.rising.forEach((j, k) => (total += Math.max(cut.base[k], unitsAt(t, quantity[j]))));
      return total <= cut.capacity;
    };
    let best = lo;
    let hi: Ratio = ONE;
    if (within(hi)) return hi;
    for (;;) {
      let nextUp: Ratio | null = null;
      for (const j of cut.rising) {
        const c = {
          numerator: floorMulDiv(best.numerator, quantity[j], best.denominator) + 1,
          denominator: quantity[j],
        };
        if (nextUp === null || compareRatios(c, nextUp) < 0) nextUp = c;
      }
      if (nextUp === null || compareRatios(nextUp, hi) >= 0) return best;
      const mid = (best.numerator / best.denominator + hi.numerator / hi.denominator) / 2;
      let probe: Ratio = nextUp;
      for (const j of cut.rising) {
        const c = { numerator: Math.floor(mid * quantity[j]), denominator: quantity[j] };
        if (compareRatios(c, best) > 0 && compareRatios(c, hi) < 0 && compareRatios(c, probe) > 0)
          probe = c;
      }
      if (within(probe)) best = probe;
      else hi = probe;
    }
  };

  while (active.length > 0) {
    levels++;
    isActive.fill(0);
    for (const j of active) isActive[j] = 1;
    graph.commit();
    let feasibleShare = share.slice();
    const tryRatio = (t: Ratio): boolean => {
      if (feasibleAt(t)) {
        graph.commit();
        feasibleShare = share.slice();
        return true;
      }
      lastCut = cutOf(feasibleShare);
      graph.rollback();
      for (let j = 0; j < nD; j++) share[j] = feasibleShare[j];
      return false;
    };

    let t: Ratio;
    if (tryRatio(ONE)) t = ONE;
    else {
      deficit = true;
      // Cut-guided search (Dinkelbach's idea on Hall's condition): an infeasible test's minimum
      // cut names a set S of requests whose bounds exceed what the listings able to reach them
      // hold (C). Every feasible ratio keeps S's bounds within C, so the largest candidate ratio
      // doing so is an upper bound of the level; it is tested next: feasible, it is the level
      // (exactly the candidate the bisection would find); infeasible, its own cut bounds lower.
      // A few max-flows per level instead of a bisection's twenty: at 5,000 x 5,000 (3.9 million
      // arcs) a level took 21 max-flows and about 85 s, and a national chili market never got
      // its first proposal (#15).
      for (;;) {
        const probe = largestWithinCut(lastCut!, lo);
        if (compareRatios(probe, lo) <= 0) break;
        if (tryRatio(probe)) {
          lo = probe;
          break;
        }
      }
      t = lo;
    }
    minRatio ??= t;

    // Which active requests could take one more unit with every other bound kept?
    graph.bfs(graph.source, false);
    const frozen: number[] = [];
    for (const j of active) {
      if (share[j] >= quantity[j] || !graph.reached(nS + j)) frozen.push(j);
    }
    if (frozen.length === 0) {
      // A last unit that cannot go to all the requests at exactly this level: freeze those (t is
      // some request's k / q, so there is at least one).
      for (const j of active) {
        if (compareProducts(t.numerator, quantity[j], share[j], t.denominator) === 0)
          frozen.push(j);
      }
      if (frozen.length === 0) frozen.push(...active); // never loop, whatever the arithmetic
    }
    for (const j of frozen) level[j] = t;
    active = active.filter((j) => level[j] === null);
  }

  // Frozen requests keep their bounds; the bounds are what the flow carries.
  return {
    share,
    level,
    minRatio: minRatio ?? ONE,
    levels,
    deficit,
    flows: graph.runs,
  };
}
