import type { Allocation, EngineRequest, PairNudge, PairPreference } from './engine';
import { shippedForDelivered } from './engine/route-table';
import type { LiveProposal } from './market.repository';

/** An open proposal as the tie-breaking sees it: its pair and its delivered quantity. */
export interface Incumbent {
  listingId: string;
  requestId: string;
  quantityDelivered: number;
}

export interface PreferredMarket {
  /** The requests, with the part each incumbent holds split off as a piece of its own. */
  requests: EngineRequest[];
  /** Null when there is nothing to prefer, or the scaled gains could leave exact arithmetic. */
  preference: PairPreference | null;
}

/** Separates a request's id from its piece number; never in a UUID. */
const PIECE = '#';
/**
 * The simplex runs in doubles: integers stay exact below 2^53. Its node potentials are sums of
 * gains along tree paths; keeping every scaled gain below 2^53 / 2^10 leaves room for paths of
 * 1,024 alternating arcs before anything could round (far deeper than real trees get).
 */
const MAX_SCALED_GAIN = 2 ** 43;

/**
 * The market rewritten so that the solver, among all optimal allocations, picks one that keeps as
 * many of the incumbents' units as possible: exactly the optimum's objective, and the fewest
 * proposals changed.
 *
 * Each incumbent's delivered quantity is split off its request as a piece (`request#n`) that
 * anyone can still serve, so the market's feasible allocations are the same once pieces are
 * merged back. The incumbent's own listing gets a nudge of +1 a unit on its piece and -1 on the
 * request's other pieces: the nudges total their maximum exactly when every incumbent keeps its
 * quantity, so whenever some optimum keeps every proposal, the solver returns one that does.
 * Gains are scaled by 1 + the largest total nudge: any two allocations of different objectives
 * differ by at least that scale (integer gains and quantities), more than all nudges can add, so
 * the nudges only choose among true optima. Pure: no I/O.
 */
export function preferIncumbents(
  requests: readonly EngineRequest[],
  incumbents: readonly Incumbent[],
  maxBonusPerUnit = 0,
): PreferredMarket {
  const byRequest = new Map<string, Incumbent[]>();
  // In one order whatever order they came in: the pieces' order steers which of equal optima the
  // solve returns (and the minimum-order rule after it), so a run's last solve, preferring its
  // own answer listed by listing, and the next run, reading the stored proposals as PostgreSQL
  // returns them, must split them alike or the next run supersedes proposals of an unchanged market.
  const ordered = [...incumbents].sort(
    (a, b) => compare(a.listingId, b.listingId) || a.quantityDelivered - b.quantityDelivered,
  );
  for (const incumbent of ordered) {
    if (incumbent.quantityDelivered <= 0) continue;
    const list = byRequest.get(incumbent.requestId) ?? [];
    list.push(incumbent);
    byRequest.set(incumbent.requestId, list);
  }
  if (byRequest.size === 0) return { requests: [...requests], preference: null };

  const split: EngineRequest[] = [];
  const pairs: PairNudge[] = [];
  // The largest total |nudge| any allocation can collect: every nudged arc ends in a piece (or
  // the rest) of a request with incumbents, and all arcs into a piece carry at most its size.
  let nudgeBound = 0;
  let maxGain = 0;
  for (const request of requests) {
    maxGain = Math.max(maxGain, request.maxPricePerUnit + maxBonusPerUnit);
    const held = byRequest.get(request.id);
    if (!held) {
      split.push(request);
      continue;
    }
    let left = request.remainingQuantity;
    const pieces: { id: string; owner: string | null }[] = [];
    held.forEach((incumbent, n) => {
      const quantity = Math.min(incumbent.quantityDelivered, left);
      if (quantity <= 0) return;
      left -= quantity;
      const id = `${request.id}${PIECE}${n}`;
      split.push({
        ...request,
        id,
        pieceOf: request.id,
        remainingQuantity: quantity,
        wholeRemainingQuantity: request.remainingQuantity,
      });
      pieces.push({ id, owner: incumbent.listingId });
    });
    if (left > 0) {
      split.push({
        ...request,
        remainingQuantity: left,
        wholeRemainingQuantity: request.remainingQuantity,
      });
      pieces.push({ id: request.id, owner: null });
    }
    nudgeBound += request.remainingQuantity;
    // +1 a unit for an incumbent's listing on its own piece, -1 on the request's other pieces:
    // what it sends there would change the proposal's quantity (supersede it) for nothing.
    for (const owner of new Set(held.map((i) => i.listingId))) {
      for (const piece of pieces) {
        pairs.push({
          listingId: owner,
          requestId: piece.id,
          nudge: piece.owner === owner ? 1 : -1,
        });
      }
    }
  }
  const scale = nudgeBound + 1;
  if (pairs.length === 0 || scale * maxGain >= MAX_SCALED_GAIN) {
    return { requests: [...requests], preference: null };
  }
  return { requests: split, preference: { scale, pairs } };
}
/** The largest gain scale that keeps a unit gaining `maxGain` exact (see MAX_SCALED_GAIN). */
export function maxPreferenceScale(maxGain: number): number {
  return Math.floor((MAX_SCALED_GAIN - 1) / Math.max(1, maxGain));
}

/** The request a piece was split from (the id itself for a request never split). */
export function requestOfPiece(id: string): string {
  const at = id.indexOf(PIECE);
  return at < 0 ? id : id.slice(0, at);
}

/**
 * Merges the allocations to pieces of one request back into one allocation per pair, its
 * shipped quantity recomputed on the merged delivered quantity (never more than the parts
 * shipped together: ceil(a + b) <= ceil(a) + ceil(b)). Sorted by listing id, then request id.
 */
export function mergePieces(allocations: readonly Allocation[]): Allocation[] {
  const merged = new Map<string, Allocation>();
  for (const allocation of allocations) {
    const requestId = requestOfPiece(allocation.requestId);
    const key = `${allocation.listingId}|${requestId}`;
    const existing = merged.get(key);
    if (existing) {
      existing.quantity += allocation.quantity;
      existing.quantityShipped = shippedForDelivered(existing.quantity, existing.arc.shrinkPpm);
    } else {
      merged.set(key, {
        ...allocation,
        requestId,
        arc: { ...allocation.arc, requestId },
      });
    }
  }
  return [...merged.values()].sort((a, b) =>
    a.listingId === b.listingId
      ? compare(a.requestId, b.requestId)
      : compare(a.listingId, b.listingId),
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The incumbents stored proposals state: each proposal's pair at its delivered quantity. */
export function incumbentsOfProposals(
  proposals: readonly Pick<
    LiveProposal,
    'supplyListingId' | 'demandRequestId' | 'quantityDelivered'
  >[],
): Incumbent[] {
  return proposals.map((p) => ({
    listingId: p.supplyListingId,
    requestId: p.demandRequestId,
    quantityDelivered: p.quantityDelivered,
  }));
}

/** The incumbents an allocation states: each pair at its delivered quantity. */
export function incumbentsOf(
  allocations: readonly Pick<Allocation, 'listingId' | 'requestId' | 'quantity'>[],
): Incumbent[] {
  return allocations.map((a) => ({
    listingId: a.listingId,
    requestId: a.requestId,
    quantityDelivered: a.quantity,
  }));
}

function sameIncumbents(a: readonly Incumbent[], b: readonly Incumbent[]): boolean {
  if (a.length !== b.length) return false;
  const key = (i: Incumbent) => `${i.listingId}|${i.requestId}|${i.quantityDelivered}`;
  const seen = new Set(a.map(key));
  return b.every((i) => seen.has(key(i)));
}

/**
 * Solves preferring `incumbents`, then again preferring the answer, until an answer prefers
 * itself (a run on the unchanged market would keep every proposal it writes), at most `maxRounds`
 * solves.
 *
 * Why: the preferred solve keeps the incumbents unless it finds something strictly better (more
 * gain; under `fair`, fairer or as fair with more gain), but the minimum-order rule after the LP
 * depends on where the solve starts, so from the last run's proposals it can find a strictly
 * better allocation that the run before, starting elsewhere, missed. Without this, the run after a
 * burst of changes could leave an allocation the next run (a recovery sweep, another worker)
 * improves, superseding proposals of an unchanged market; each answer is at least as good as the
 * one before, so the rounds only ever improve. A third solve found nothing new on 1,000 random
 * markets. The caller gives a large market one round (`settleRounds`), the recovery sweep then
 * continuing the improvement. The limit is the market's size, never the time taken: with a
 * wall-clock budget a loaded machine could stop a small market after one solve, and the same
 * market got a different answer than on a quiet machine.
 */
export async function solveUntilSettled<T extends { allocations: Allocation[] }>(
  solve: (incumbents: readonly Incumbent[]) => Promise<T> | T,
  incumbents: readonly Incumbent[],
  { maxRounds }: { maxRounds: number },
): Promise<T> {
  let preferred = incumbents;
  let result = await solve(preferred);
  for (let round = 1; round < maxRounds; round++) {
    const answer = incumbentsOf(result.allocations);
    if (sameIncumbents(answer, preferred)) break;
    preferred = answer;
    result = await solve(preferred);
  }
  return result;
}

/**
 * Listing x request pairs up to which a run settles its answer (up to 4 solves). 500 x 500: a
 * fair solve of that market took 284 ms (`npx ts-node --transpile-only bench/matching.bench.ts
 * --dense=500`, 2026-12-01), so settling costs about what the 2 s wall-clock budget it replaces
 * allowed; at 5,000 x 5,000 one solve takes tens of seconds and a run keeps to one.
 */
export const SETTLE_MAX_PAIRS = 250_000;

/** How many solves a run may take to settle a market of this size (see solveUntilSettled). */
export function settleRounds(listings: number, requests: number): number {
  return listings * requests <= SETTLE_MAX_PAIRS ? 4 : 1;
}
