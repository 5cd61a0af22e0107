import { orderByGainDescending } from './gain-order';
import { UNBOUNDED } from './transport-problem';

/**
 * Primal network simplex for the transportation problem, kept alive between changes.
 *
 * Formulation: node 0 is a root. A supply node (listing) has balance +quantity and a slack arc to
 * the root carrying what it does not sell; a demand node (request) has balance -quantity and a
 * slack arc from the root carrying what it does not receive. Slack arcs cost nothing; a trade arc
 * i -> j costs -gain. All arcs are uncapacitated: quantities are bounded by the node balances.
 *
 * The initial tree (every node under the root by its slack arc, no trade) is feasible and
 * strongly feasible; the leaving arc is chosen by Cunningham's rule (the last blocking arc met
 * when walking the cycle in the direction of the flow from its apex), which keeps the tree
 * strongly feasible and rules out cycling. Entering arcs come from block search (Grigoriadis):
 * scan about sqrt(arcs) arcs from where the last search stopped, take the most negative reduced
 * cost of the block. With integral data every basic solution is integral: the optimum is exact.
 * Potentials are optimal duals: every arc has reduced cost cost + pi(from) - pi(to) >= 0, and 0
 * when it carries flow.
 *
 * The structure stays valid under the changes a live market needs, and run() continues from the
 * current tree: new trade arcs (outside the tree, flow 0), new nodes (hung under the root by their
 * slack arc, which carries their whole quantity: still strongly feasible), and forbidden arcs
 * (their cost becomes positive, so the optimum routes their flow back to the slack arcs).
 */
export class NetworkSimplex {
  static readonly ROOT = 0;
  pivots = 0;

  private nodeCount = 0;
  private arcCount = 0;
  private src = new Int32Array(0);
  private tgt = new Int32Array(0);
  private cost = new Float64Array(0);
  private flow = new Float64Array(0);
  /** Gain of a trade arc (its cost is -gain until forbidden); NaN for slack arcs. */
  private gain = new Float64Array(0);
  /**
   * How many times the guaranteed slack's cost M an arc's cost holds: 1 for a guaranteed
   * request's slack arc (cost M), 2 for a forbidden arc once M is set (cost 2M + 1), else 0.
   * Lets guaranteedFirst() split every cost into its M part and the rest, exactly.
   */
  private tier = new Uint8Array(0);
  /** The cost M of a unit of guaranteed slack (0: no guaranteed request). */
  private guaranteedCost = 0;

  private parent = new Int32Array(0);
  private predArc = new Int32Array(0);
  /** 1 when predArc points from the node up to its parent. */
  private predUp = new Uint8Array(0);
  private depth = new Int32Array(0);
  pi = new Float64Array(0);
  private firstChild = new Int32Array(0);
  private nextSibling = new Int32Array(0);
  private prevSibling = new Int32Array(0);
  private stack = new Int32Array(0);
  /** The slack arc of each node. */
  private slack = new Int32Array(0);
  private nextArc = 0;
  private potentialsStale = false;
  /**
   * When on, run() records the nodes whose potential changed (see takeChangedNodes), so that a
   * caller pricing arcs outside the simplex can price only theirs. Off during a full solve, where
   * nearly every potential changes and the bookkeeping would only cost time.
   */
  trackChanges = false;
  private allChanged = true;
  private changedNodes: number[] = [];
  private changedMark = new Int32Array(0);
  private changeEpoch = 1;
  private readonly cursor = new Int32Array(1);

  /**
   * The cost of a forbidden arc: any positive cost when every slack arc is free; above what a
   * unit of a guaranteed request's slack costs otherwise (see forbidArc).
   */
  private forbiddenCost = 1;

  /**
   * Supply node i gets id 1 + i, demand node j gets id 1 + supply.length + j. `demandSlackCost`
   * (per demand node, absent: 0) prices what a request does not receive: a fair share
   * (rationing.ts) is a request whose slack costs more than any allocation can gain, the big-M
   * of the textbook network simplex for a demand that must be met when it can be.
   */
  constructor(
    supply: Float64Array,
    demand: Float64Array,
    arcHint = 0,
    demandSlackCost: Float64Array | null = null,
  ) {
    this.ensureNodes(1 + supply.length + demand.length);
    this.ensureArcs(supply.length + demand.length + arcHint);
    const root = this.nodeCount++;
    this.parent[root] = -1;
    this.predArc[root] = -1;
    this.depth[root] = 0;
    this.pi[root] = 0;
    for (let i = 0; i < supply.length; i++) this.addSupplyNode(supply[i]);
    let largest = 0;
    for (let j = 0; j < demand.length; j++) {
      const slackCost = demandSlackCost ? demandSlackCost[j] : 0;
      if (slackCost > 0 && largest > 0 && slackCost !== largest)
        throw new Error('network simplex: every guaranteed request pays the same slack cost');
      largest = Math.max(largest, slackCost);
      const node = this.addDemandNode(demand[j], slackCost);
      if (slackCost > 0) this.tier[this.slack[node]] = 1;
    }
    // A cycle through one forbidden arc can relieve at most one unit of guaranteed slack (M) and
    // collect less than M of gains on the way: 2M + 1 keeps forbidden arcs empty.
    if (largest > 0) this.forbiddenCost = 2 * largest + 1;
    this.guaranteedCost = largest;
  }

  get nodes(): number {
    return this.nodeCount;
  }

  get arcs(): number {
    return this.arcCount;
  }

  /** A new listing: hangs under the root by its slack arc, which carries all of it. */
  addSupplyNode(quantity: number): number {
    const node = this.newNode();
    const a = this.newArc(node, NetworkSimplex.ROOT, 0, NaN);
    this.flow[a] = quantity;
    this.slack[node] = a;
    this.pi[node] = this.pi[NetworkSimplex.ROOT];
    this.hang(node, a, 1);
    return node;
  }

  /** A new request: hangs under the root by its slack arc, which carries all of it. */
  addDemandNode(quantity: number, slackCost = 0): number {
    const node = this.newNode();
    const a = this.newArc(NetworkSimplex.ROOT, node, slackCost, NaN);
    this.flow[a] = quantity;
    this.slack[node] = a;
    // A tree arc has reduced cost 0: cost + pi(root) - pi(node).
    this.pi[node] = this.pi[NetworkSimplex.ROOT] + slackCost;
    this.hang(node, a, 0);
    return node;
  }

  /** Adds a trade arc (flow 0, outside the tree) and returns its id. */
  addTradeArc(from: number, to: number, gain: number): number {
    return this.newArc(from, to, -gain, gain);
  }

  isTrade(arc: number): boolean {
    return this.gain[arc] === this.gain[arc]; // NaN for slack arcs
  }

  arcFrom(arc: number): number {
    return this.src[arc];
  }

  arcTo(arc: number): number {
    return this.tgt[arc];
  }

  arcFlow(arc: number): number {
    return this.flow[arc];
  }

  arcGain(arc: number): number {
    return this.gain[arc];
  }

  slackFlow(node: number): number {
    return this.flow[this.slack[node]];
  }

  /** Reduced cost of a would-be trade arc under the current potentials. */
  reducedCost(from: number, to: number, gain: number): number {
    return -gain + this.pi[from] - this.pi[to];
  }

  /**
   * Takes an arc out of play. Any positive cost does when slack is free: a unit on it could
   * instead stay with both ends' slack arcs at no cost, so the optimum leaves it empty. With
   * guaranteed requests (costly slack) the cost is above that slack's (see the constructor).
   */
  forbidArc(arc: number): void {
    this.cost[arc] = this.forbiddenCost;
    if (this.guaranteedCost > 0) this.tier[arc] = 2;
    this.potentialsStale = true;
  }

  /**
   * Whether the current tree is optimal with the guaranteed slack first by priority, not only at
   * its finite cost M: the fewest units of guaranteed slack (a forbidden arc's unit counts two),
   * and only then the most gain. M is meant to exceed any gain that relieving a unit could cost,
   * but a bound that holds for every market leaves exact doubles on large ones; a smaller M is as
   * good whenever the optimum it gives is also optimal by priority, and this is the check (LP
   * duality with the two objectives in lexicographic order): every arc's reduced cost, split into
   * its M part and the rest, is non-negative in that order. Sufficient, not necessary: a
   * degenerate tree can fail it although its flow is optimal by priority.
   *
   * Returns the split potentials (for pricing arcs kept outside the simplex the same way), or null
   * when an arc here could still relieve guaranteed slack at a price above M. After run().
   */
  guaranteedFirst(): { tier: Float64Array; rest: Float64Array } | null {
    const M = this.guaranteedCost;
    const n = this.nodeCount;
    const { parent, predArc, predUp, cost, tier, src, tgt, firstChild, nextSibling, stack } = this;
    const restCost = (a: number) => cost[a] - tier[a] * M;
    const piTier = new Float64Array(n);
    const piRest = new Float64Array(n);
    let top = 0;
    for (let c = firstChild[NetworkSimplex.ROOT]; c >= 0; c = nextSibling[c]) stack[top++] = c;
    while (top > 0) {
      const node = stack[--top];
      const a = predArc[node];
      // As refreshPotentials: a tree arc has reduced cost 0 in each part.
      const sign = predUp[node] === 1 ? -1 : 1;
      piTier[node] = piTier[parent[node]] + sign * tier[a];
      piRest[node] = piRest[parent[node]] + sign * restCost(a);
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack[top++] = c;
    }
    for (let a = 0; a < this.arcCount; a++) {
      const rcTier = tier[a] + piTier[src[a]] - piTier[tgt[a]];
      if (rcTier > 0) continue;
      if (rcTier < 0 || restCost(a) + piRest[src[a]] - piRest[tgt[a]] < 0) return null;
    }
    return { tier: piTier, rest: piRest };
  }

  /**
   * Replaces the all-slack starting tree by a greedy one: trade arcs by decreasing gain, each
   * taking what both ends still have. Every such allocation exhausts one end, so the arcs used
   * form a forest in which at most one node per tree keeps spare quantity; that node (or a
   * supply node when none does) hangs the tree off the root by its slack arc. The trade arcs of
   * the forest carry flow and the slack arcs with zero flow point up to the root, so the tree is
   * strongly feasible. Starting here saves most of the pivots. Only before the first run().
   */
  warmStart(): void {
    const n = this.nodeCount;
    const { src, tgt, cost, flow, slack } = this;
    const spare = new Float64Array(n);
    const trade: number[] = [];
    for (let node = 1; node < n; node++) spare[node] = flow[slack[node]];
    for (let a = 0; a < this.arcCount; a++) if (this.isTrade(a)) trade.push(a);
    const gains = Float64Array.from(trade, (a) => -cost[a]);
    const order = orderByGainDescending(gains, trade.length);

    const used: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const a = trade[order[k]];
      const q = Math.min(spare[src[a]], spare[tgt[a]]);
      if (q <= 0) continue;
      flow[a] = q;
      spare[src[a]] -= q;
      spare[tgt[a]] -= q;
      used.push(a);
    }
    // Forest adjacency in compressed rows.
    const start = new Int32Array(n + 1);
    for (const a of used) {
      start[src[a] + 1]++;
      start[tgt[a] + 1]++;
    }
    for (let node = 0; node < n; node++) start[node + 1] += start[node];
    const adjacency = new Int32Array(2 * used.length);
    const fill = start.slice(0, n);
    for (const a of used) {
      adjacency[fill[src[a]]++] = a;
      adjacency[fill[tgt[a]]++] = a;
    }

    for (let node = 1; node < n; node++) flow[slack[node]] = spare[node];
    this.firstChild.fill(-1, 0, n);
    this.nextSibling.fill(-1, 0, n);
    this.prevSibling.fill(-1, 0, n);
    const component = new Int32Array(n).fill(-1);
    const members: number[] = [];
    for (let first = 1; first < n; first++) {
      if (component[first] >= 0) continue;
      members.length = 0;
      component[first] = first;
      members.push(first);
      for (let k = 0; k < members.length; k++) {
        const node = members[k];
        for (let e = start[node]; e < start[node + 1]; e++) {
          const a = adjacency[e];
          const other = src[a] === node ? tgt[a] : src[a];
          if (component[other] < 0) {
            component[other] = first;
            members.push(other);
          }
        }
      }
      let anchor = -1;
      for (const node of members) if (spare[node] > 0) anchor = node;
      if (anchor < 0) {
        for (const node of members) {
          if (src[slack[node]] === node && (anchor < 0 || node < anchor)) anchor = node;
        }
      }
      if (anchor < 0) anchor = first;

      const up = src[slack[anchor]] === anchor;
      this.hang(anchor, slack[anchor], up ? 1 : 0);
      // Reduced cost 0 on the slack arc (costly only for a guaranteed request's).
      this.pi[anchor] = up ? -cost[slack[anchor]] : cost[slack[anchor]];
      const stack = this.stack;
      let top = 0;
      stack[top++] = anchor;
      while (top > 0) {
        const node = stack[--top];
        for (let e = start[node]; e < start[node + 1]; e++) {
          const a = adjacency[e];
          if (a === this.predArc[node]) continue;
          const child = src[a] === node ? tgt[a] : src[a];
          this.parent[child] = node;
          this.predArc[child] = a;
          this.predUp[child] = src[a] === child ? 1 : 0;
          this.depth[child] = this.depth[node] + 1;
          this.pi[child] = src[a] === node ? this.pi[node] + cost[a] : this.pi[node] - cost[a];
          this.attach(node, child);
          stack[top++] = child;
        }
      }
    }
  }

  /** Pivots until no arc has a negative reduced cost. Returns the number of pivots. */
  run(): number {
    if (this.potentialsStale) this.refreshPotentials();
    const {
      src,
      tgt,
      cost,
      flow,
      parent,
      predArc,
      predUp,
      depth,
      pi,
      firstChild,
      nextSibling,
      stack,
    } = this;
    const arcTotal = this.arcCount;
    const blockSize = Math.max(10, Math.ceil(Math.sqrt(arcTotal)));
    const before = this.pivots;

    for (;;) {
      const inArc = findEnteringArc(
        cost,
        src,
        tgt,
        pi,
        arcTotal,
        this.nextArc,
        blockSize,
        this.cursor,
      );
      if (inArc < 0) break;
      this.nextArc = this.cursor[0];
      this.pivots++;

      // Flow goes join -> ... -> first -> (inArc) -> second -> ... -> join.
      const first = src[inArc];
      const second = tgt[inArc];
      let u = first;
      let v = second;
      while (u !== v) {
        if (depth[u] > depth[v]) u = parent[u];
        else if (depth[v] > depth[u]) v = parent[v];
        else {
          u = parent[u];
          v = parent[v];
        }
      }
      const join = u;

      // Leaving arc: only arcs whose flow decreases can block. On the first side flow runs from
      // parent to child, so an arc pointing up loses flow; on the second side the reverse. Ties:
      // strict on the first side, non-strict on the second (last blocking arc in flow order).
      let delta = UNBOUNDED;
      let uOut = -1;
      let outOnFirst = false;
      for (let x = first; x !== join; x = parent[x]) {
        if (predUp[x] === 1 && flow[predArc[x]] < delta) {
          delta = flow[predArc[x]];
          uOut = x;
          outOnFirst = true;
        }
      }
      for (let x = second; x !== join; x = parent[x]) {
        if (predUp[x] === 0 && flow[predArc[x]] <= delta) {
          delta = flow[predArc[x]];
          uOut = x;
          outOnFirst = false;
        }
      }
      if (uOut < 0) throw new Error('network simplex: unbounded cycle');

      if (delta > 0) {
        flow[inArc] += delta;
        for (let x = first; x !== join; x = parent[x]) {
          flow[predArc[x]] += predUp[x] === 1 ? -delta : delta;
        }
        for (let x = second; x !== join; x = parent[x]) {
          flow[predArc[x]] += predUp[x] === 1 ? delta : -delta;
        }
      }

      // The subtree cut off below uOut contains uIn; re-hang it from vIn by the entering arc,
      // reversing the parent pointers along the stem from uIn up to uOut.
      const uIn = outOnFirst ? first : second;
      const vIn = outOnFirst ? second : first;
      const rcIn = cost[inArc] + pi[src[inArc]] - pi[tgt[inArc]];
      const sigma = uIn === src[inArc] ? -rcIn : rcIn;

      let x = uIn;
      let newParent = vIn;
      let newPred = inArc;
      let newUp = src[inArc] === uIn ? 1 : 0;
      for (;;) {
        const oldParent = parent[x];
        const oldPred = predArc[x];
        const oldUp = predUp[x];
        this.detach(oldParent, x);
        parent[x] = newParent;
        predArc[x] = newPred;
        predUp[x] = newUp;
        this.attach(newParent, x);
        if (x === uOut) break;
        newParent = x;
        newPred = oldPred;
        newUp = oldUp ^ 1;
        x = oldParent;
      }

      // Shift potentials and depths of the re-hung subtree.
      let top = 0;
      stack[top++] = uIn;
      const track = this.trackChanges && !this.allChanged && sigma !== 0;
      while (top > 0) {
        const node = stack[--top];
        pi[node] += sigma;
        depth[node] = depth[parent[node]] + 1;
        if (track && this.changedMark[node] !== this.changeEpoch) {
          this.changedMark[node] = this.changeEpoch;
          this.changedNodes.push(node);
        }
        for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack[top++] = c;
      }
    }
    return this.pivots - before;
  }

  /**
   * The nodes whose potential changed since the last call, or null when that is not known
   * (tracking off, or every potential recomputed). Resets the record.
   */
  takeChangedNodes(): number[] | null {
    const changed = this.allChanged ? null : this.changedNodes;
    this.allChanged = !this.trackChanges;
    this.changedNodes = [];
    this.changeEpoch++;
    return changed;
  }

  /** Recomputes every potential from the tree (after arc costs changed). */
  private refreshPotentials(): void {
    this.allChanged = true;
    const { parent, predArc, predUp, pi, cost, firstChild, nextSibling, stack } = this;
    const root = NetworkSimplex.ROOT;
    pi[root] = 0;
    let top = 0;
    for (let c = firstChild[root]; c >= 0; c = nextSibling[c]) stack[top++] = c;
    while (top > 0) {
      const node = stack[--top];
      const a = predArc[node];
      pi[node] = predUp[node] === 1 ? pi[parent[node]] - cost[a] : pi[parent[node]] + cost[a];
      for (let c = firstChild[node]; c >= 0; c = nextSibling[c]) stack[top++] = c;
    }
    this.potentialsStale = false;
  }

  private newNode(): number {
    this.ensureNodes(this.nodeCount + 1);
    const node = this.nodeCount++;
    this.firstChild[node] = -1;
    this.nextSibling[node] = -1;
    this.prevSibling[node] = -1;
    return node;
  }

  private newArc(from: number, to: number, cost: number, gain: number): number {
    this.ensureArcs(this.arcCount + 1);
    const a = this.arcCount++;
    this.src[a] = from;
    this.tgt[a] = to;
    this.cost[a] = cost;
    this.gain[a] = gain;
    this.tier[a] = 0;
    this.flow[a] = 0;
    return a;
  }

  private hang(node: number, arc: number, up: number): void {
    const root = NetworkSimplex.ROOT;
    this.parent[node] = root;
    this.predArc[node] = arc;
    this.predUp[node] = up;
    this.depth[node] = 1;
    this.attach(root, node);
  }

  private attach(p: number, c: number): void {
    const head = this.firstChild[p];
    this.nextSibling[c] = head;
    this.prevSibling[c] = -1;
    if (head >= 0) this.prevSibling[head] = c;
    this.firstChild[p] = c;
  }

  private detach(p: number, c: number): void {
    const prev = this.prevSibling[c];
    const next = this.nextSibling[c];
    if (prev >= 0) this.nextSibling[prev] = next;
    else this.firstChild[p] = next;
    if (next >= 0) this.prevSibling[next] = prev;
    this.prevSibling[c] = -1;
    this.nextSibling[c] = -1;
  }

  private ensureNodes(n: number): void {
    if (n <= this.parent.length) return;
    const size = Math.max(n, 2 * this.parent.length, 16);
    this.parent = grow(this.parent, size);
    this.predArc = grow(this.predArc, size);
    this.predUp = grow(this.predUp, size);
    this.depth = grow(this.depth, size);
    this.pi = grow(this.pi, size);
    this.firstChild = grow(this.firstChild, size);
    this.nextSibling = grow(this.nextSibling, size);
    this.prevSibling = grow(this.prevSibling, size);
    this.stack = grow(this.stack, size);
    this.slack = grow(this.slack, size);
    this.changedMark = grow(this.changedMark, size);
  }

  private ensureArcs(n: number): void {
    if (n <= this.src.length) return;
    const size = Math.max(n, 2 * this.src.length, 16);
    this.src = grow(this.src, size);
    this.tgt = grow(this.tgt, size);
    this.cost = grow(this.cost, size);
    this.flow = grow(this.flow, size);
    this.gain = grow(this.gain, size);
    this.tier = grow(this.tier, size);
  }
}

type TypedArray = Uint8Array | Int32Array | Float64Array;

function grow<T extends TypedArray>(array: T, size: number): T {
  const bigger = new (array.constructor as new (n: number) => T)(size);
  bigger.set(array);
  return bigger;
}

/**
 * Block search: scan blocks of arcs from `start`, wrapping around, and return the most negative
 * reduced cost of the first block that has one (-1 when none is left: optimal). Tree arcs have
 * reduced cost exactly 0 (integers), so they never win and need no state check. A separate small
 * function: V8 optimises this hot loop much better on its own.
 */
function findEnteringArc(
  cost: Float64Array,
  src: Int32Array,
  tgt: Int32Array,
  pi: Float64Array,
  arcTotal: number,
  start: number,
  blockSize: number,
  cursor: Int32Array,
): number {
  let inArc = -1;
  let best = 0;
  let scanned = 0;
  let e = start < arcTotal ? start : 0;
  while (scanned < arcTotal) {
    const end = Math.min(e + blockSize, arcTotal, e + arcTotal - scanned);
    scanned += end - e;
    for (; e < end; e++) {
      const rc = cost[e] + pi[src[e]] - pi[tgt[e]];
      if (rc < best) {
        best = rc;
        inArc = e;
      }
    }
    if (e === arcTotal) e = 0;
    if (inArc >= 0) break;
  }
  cursor[0] = e;
  return inArc;
}
