import { shippedForDelivered } from '../engine/route-table';
import { hasCommittedVolumes, keepsProposal, type MarketSnapshot } from '../matching-run';
import type { LiveMarket } from './live-market';

/** Under fair rationing, how many requests left short the check tries before it gives up. */
const MAX_SHORT_REQUESTS_CHECKED = 100;

/** What the owner's last solving run of the commodity saw and wrote. */
export interface LastRun {
  /** The live market's exact optimum (`LiveMarket.objective()`) when the run was decided. */
  optimum: number;
  /** The gain of the allocation the run wrote (its summary's objective). */
  written: number;
  /** The live market's version the run solved (LiveMarket.version), when it went through one. */
  marketVersion?: number;
}

export type SettledVerdict =
  { settled: true; objective: number } | { settled: false; reason: string };

/**
 * Whether the stored proposals already state an optimum of the live market, so that a run would
 * write nothing: then no solve is needed. Checked without solving (the live solver already holds
 * the optimum's objective):
 *
 * - every held proposal still has both sides open (otherwise a run supersedes it);
 * - every open proposal is a pair the live market still has, stating exactly what its arc is now
 *   (price, shipped and delivered units, option, route, landed cost, agreement: `keepsProposal`),
 *   at or above the least its listing may deliver under the minimum-order rule, as the solve applies it;
 * - no listing ships and no request receives more than is left;
 * - their gain adds up to the live optimum exactly: a feasible allocation with the optimum's
 *   objective is an optimum, and the run's incumbent tie-breaking keeps every proposal of an
 *   optimum (incumbent-preference.ts), adding nothing (any more would gain more than the optimum).
 *
 * Anything else is "not settled", and the run solves as before. Conservative on purpose: a false
 * "not settled" costs one solve, a false "settled" would leave the market unmatched. Markets the
 * plain optimum does not describe are never settled here: committed volumes (a priority the
 * engine searches for), and under `fair` rationing any request left short that some listing could
 * serve (a possible shortage, where the shares decide) unless the market is the very one the last
 * run solved and wrote. Pure: no I/O.
 */
export function storedProposalsSettled(
  snapshot: Pick<
    MarketSnapshot,
    'listings' | 'requests' | 'open' | 'held' | 'heldStillOpen' | 'agreements' | 'rationing'
  >,
  live: Pick<LiveMarket, 'pairArc' | 'minimumDelivered' | 'objective' | 'resultObjective'>,
  lastRun: LastRun | null = null,
  marketVersion?: number,
): SettledVerdict {
  if (hasCommittedVolumes(snapshot)) {
    return { settled: false, reason: 'committed volumes' };
  }
  const stillOpen = snapshot.heldStillOpen;
  if (
    snapshot.held.some(
      (p) => !stillOpen.has(p.supplyListingId) || !stillOpen.has(p.demandRequestId),
    )
  ) {
    return { settled: false, reason: 'a held proposal lost a side' };
  }
  const listings = new Map(snapshot.listings.map((l) => [l.id, l]));
  const requests = new Map(snapshot.requests.map((r) => [r.id, r]));
  const shipped = new Map<string, number>();
  const received = new Map<string, number>();
  let objective = 0;
  for (const proposal of snapshot.open) {
    const listing = listings.get(proposal.supplyListingId);
    const arc = live.pairArc(proposal.supplyListingId, proposal.demandRequestId);
    if (!listing || !arc) return { settled: false, reason: 'a proposal left the candidates' };
    const allocation = {
      listingId: proposal.supplyListingId,
      requestId: proposal.demandRequestId,
      quantity: proposal.quantityDelivered,
      quantityShipped: shippedForDelivered(proposal.quantityDelivered, arc.shrinkPpm),
      arc,
    };
    if (!keepsProposal(allocation, proposal, listing.pricePerUnit)) {
      return { settled: false, reason: 'a proposal no longer states its arc' };
    }
    if (proposal.quantityDelivered < live.minimumDelivered(listing)) {
      return { settled: false, reason: 'a proposal below its minimum order' };
    }
    shipped.set(listing.id, (shipped.get(listing.id) ?? 0) + proposal.quantity);
    const requestId = proposal.demandRequestId;
    received.set(requestId, (received.get(requestId) ?? 0) + proposal.quantityDelivered);
    objective += proposal.quantityDelivered * arc.gainPerUnit;
  }
  for (const [id, quantity] of shipped) {
    if (quantity > listings.get(id)!.remainingQuantity) {
      return { settled: false, reason: 'a listing over-proposed' };
    }
  }
  for (const [id, quantity] of received) {
    const request = requests.get(id);
    if (!request || quantity > request.remainingQuantity) {
      return { settled: false, reason: 'a request over-proposed' };
    }
  }
  // The live allocation's own shipped-unit rounding trim can cost a few units that the stored
  // proposals' trim did not (each trims its own tied optimum), so equality with it can fail on a
  // settled market. The last run of this owner is the other witness: if the market's exact
  // optimum (before rounding) is what it was when that run wrote, and the proposals still gain
  // what that run wrote, nothing a run could do would gain more.
  const unchangedSinceLastRun =
    lastRun !== null && live.objective() === lastRun.optimum && objective === lastRun.written;
  // Stronger: the live market itself has not changed since that run solved it (same listings,
  // requests and build inputs). Then a run would solve exactly what that run solved and prefer
  // what it wrote (the incumbents are kept unless something is strictly better: fairer, or as
  // fair with more gain), so even a fair market's shares need no new look. This spares a large
  // fair market, short everywhere in a national shortage, a full solve at every recovery sweep.
  if (
    unchangedSinceLastRun &&
    marketVersion !== undefined &&
    lastRun.marketVersion === marketVersion
  ) {
    return { settled: true, objective };
  }
  if (objective !== live.resultObjective() && !unchangedSinceLastRun) {
    return { settled: false, reason: 'the live optimum differs' };
  }

  if (snapshot.rationing === 'fair') {
    const short = snapshot.requests.filter((r) => (received.get(r.id) ?? 0) < r.remainingQuantity);
    // Each short request is tried against every listing: past a few, a solve is cheaper.
    if (short.length > MAX_SHORT_REQUESTS_CHECKED) {
      return { settled: false, reason: 'many requests left short (fair rationing)' };
    }
    for (const request of short) {
      if (snapshot.listings.some((l) => live.pairArc(l.id, request.id) !== null)) {
        return { settled: false, reason: 'a servable request left short (fair rationing)' };
      }
    }
  }
  return { settled: true, objective };
}
