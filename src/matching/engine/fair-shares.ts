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
 * Each node's edges are contiguous (compressed sparse rows, `first[node]` to `first[node + 1]`),
 * an edge's reverse at `reverse[e]`. Searches then walk memory in order: with a linked list of
 * edges spread over twice the arcs, each step was a cache miss, and a dense commodity of 2,000
 * listings and requests (888,715 arcs) spent 24 of its 29 s of fair rationing walking edges.
 */
class BoundedFlow {
  readonly nodes: number;
  private readonly first: Int32Array;
  private readonly reverse: Int32Array;
  private readonly to: Int32Array;
  /**
   * Whole units in 32 bits when the market's supply and demand together stay below 2^30 (always
   * so for one commodity: a million tonnes), else doubles: at 21 million arcs, 42 million edges,
   * the difference is 168 MB at the build's peak. A listing -> request edge is unbounded: 2^31 - 1
   * there, which no flow of at most 2^30 can bring down to where it would bind.
   */
  private readonly residual: Int32Array | Float64Array;
  private readonly level: Int32Array;
  private readonly iter: Int32Array;
  private readonly queue: Int32Array;
  private readonly pathEdge: Int32Array;
  /** Edge id of request j's sink edge. */
  readonly sinkEdge: Int32Array;
  readonly source: number;
  readonly sink: number;
  flow = 0;
  runs = 0;
  /**
   * Undo journal since the last `commit`: each changed edge and its residual before the change.
   * A test that proves infeasible is rolled back from it. Copying the whole residual array
   * instead (85 MB at 5,000 x 5,000 per feasible test) spent a third of fair rationing in the
   * copies and the garbage collector.
   */
  private journalEdge = new Int32Array(1024);
  private journalValue = new Float64Array(1024);
  private journalLength = 0;
  private committedFlow = 0;

  constructor(problem: ShareProblem, nS: number, nD: number) {
    this.nodes = nS + nD + 2;
    this.source = nS + nD;
    this.sink = nS + nD + 1;
    // Pairs (an edge and its reverse): source -> listing, listing -> request, request -> sink.
    // Three plain loops, one per kind of pair: with a closure per pair for tail, head and
    // capacity, building this graph took 3.8 s at 10,000 x 10,000 (21 million arcs).
    const { arcFrom, arcTo, arcCount, supply } = problem;
    const pairs = nS + arcCount + nD;
    const first = new Int32Array(this.nodes + 1);
    first[this.source + 1] += nS;
    for (let i = 0; i < nS; i++) first[i + 1]++;
    for (let a = 0; a < arcCount; a++) {
      first[arcFrom[a] + 1]++;
      first[nS + arcTo[a] + 1]++;
    }
    for (let j = 0; j < nD; j++) first[nS + j + 1]++;
    first[this.sink + 1] += nD;
    for (let v = 0; v < this.nodes; v++) first[v + 1] += first[v];
    const edgeCount = 2 * pairs;
    const to = new Int32Array(edgeCount);
    const reverse = new Int32Array(edgeCount);
    let total = 0;
    let whole = true;
    for (let i = 0; i < nS; i++) {
      total += supply[i];
      whole &&= Number.isInteger(supply[i]);
    }
    for (let j = 0; j < nD; j++) {
      total += problem.demand[j];
      whole &&= Number.isInteger(problem.demand[j]);
    }
    const narrow = whole && total < 2 ** 30;
    const residual = narrow ? new Int32Array(edgeCount) : new Float64Array(edgeCount);
    const unbounded = narrow ? 2 ** 31 - 1 : Infinity;
    const sinkEdge = new Int32Array(nD);
    const fill = first.slice(0, this.nodes);
    const pair = (from: number, head: number, capacity: number): number => {
      const e = fill[from]++;
      const r = fill[head]++;
      to[e] = head;
      to[r] = from;
      residual[e] = capacity;
      reverse[e] = r;
      reverse[r] = e;
      return e;
    };
    for (let i = 0; i < nS; i++) pair(this.source, i, supply[i]);
    for (let a = 0; a < arcCount; a++) pair(arcFrom[a], nS + arcTo[a], unbounded);
    for (let j = 0; j < nD; j++) sinkEdge[j] = pair(nS + j, this.sink, 0);
    this.first = first;
    this.to = to;
    this.reverse = reverse;
    this.residual = residual;
    this.sinkEdge = sinkEdge;
    this.level = new Int32Array(this.nodes);
    this.iter = new Int32Array(this.nodes);
    this.queue = new Int32Array(this.nodes);
    this.pathEdge = new Int32Array(this.nodes);
  }

  /** Raises request j's bound by `by` units (its sink edge's capacity). */
  raise(j: number, by: number): void {
    this.change(this.sinkEdge[j], this.residual[this.sinkEdge[j]] + by);
  }

  /** Sets an edge's residual, journaled. */
  private change(e: number, value: number): void {
    if (this.journalLength === this.journalEdge.length) {
      const edges = new Int32Array(2 * this.journalLength);
      const values = new Float64Array(2 * this.journalLength);
      edges.set(this.journalEdge);
      values.set(this.journalValue);
      this.journalEdge = edges;
      this.journalValue = values;
    }
    this.journalEdge[this.journalLength] = e;
    this.journalValue[this.journalLength++] = this.residual[e];
    this.residual[e] = value;
  }

  /** Augments to a maximum flow; returns the total flow. */
  maximise(): number {
    this.runs++;
    while (this.bfs(this.source, true)) {
      this.iter.set(this.first.subarray(0, this.nodes));
      for (;;) {
        const pushed = this.augment();
        if (pushed === 0) break;
        this.flow += pushed;
      }
    }
    return this.flow;
  }

  /**
   * Levels by breadth-first search from `from` over edges with residual capacity; with
   * `toSink` false the sink edges are left out (which listings and requests a unit could reach).
   */
  bfs(from: number, toSink: boolean): boolean {
    const { level, queue, first, to, residual } = this;
    level.fill(-1);
    let read = 0;
    let write = 0;
    level[from] = 0;
    queue[write++] = from;
    while (read < write) {
      const node = queue[read++];
      for (let e = first[node], end = first[node + 1]; e < end; e++) {
        const target = to[e];
        if (residual[e] <= 0 || level[target] >= 0) continue;
        if (!toSink && target === this.sink) continue;
        level[target] = level[node] + 1;
        queue[write++] = target;
      }
    }
    return level[this.sink] >= 0;
  }

  reached(node: number): boolean {
    return this.level[node] >= 0;
  }

  /** One blocking-flow path by iterative depth-first search; the units pushed (0: none left). */
  private augment(): number {
    const { level, iter, first, to, reverse, residual, pathEdge } = this;
    let node = this.source;
    let depth = 0;
    for (;;) {
      if (node === this.sink) {
        let pushed = Infinity;
        for (let k = 0; k < depth; k++) pushed = Math.min(pushed, residual[pathEdge[k]]);
        for (let k = 0; k < depth; k++) {
          const e = pathEdge[k];
          this.change(e, residual[e] - pushed);
          this.change(reverse[e], residual[reverse[e]] + pushed);
        }
        return pushed;
      }
      let e = iter[node];
      const end = first[node + 1];
      while (e < end && (residual[e] <= 0 || level[to[e]] !== level[node] + 1)) e++;
      iter[node] = e;
      if (e < end) {
        pathEdge[depth++] = e;
        node = to[e];
        continue;
      }
      // Dead end: no edge of this node leads on; retreat and skip the edge that led here.
      level[node] = -1;
      if (depth === 0) return 0;
      depth--;
      node = to[reverse[pathEdge[depth]]];
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
    for (let k = this.journalLength - 1; k >= 0; k--)
      this.residual[this.journalEdge[k]] = this.journalValue[k];
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
