import { agreementLookupFrom } from './agreement-lookup';
import type {
  Allocation,
  CommitmentOutcome,
  CommodityMarket,
  EngineAgreement,
  MatchingContext,
  SolveMarketResult,
} from './engine.types';
import { shippedForDelivered } from './route-table';
import { solveMarket } from './solve-market';

/**
 * Committed volumes of agreements between two governments, as soft targets. The model is
 *
 *   maximise  sum(gain x quantity) - penalty x max(0, target - covered)
 *
 * where `covered` is what the run allocates on pairs the agreement covers. That is the
 * transportation problem plus one side constraint, which is no longer a pure network problem; its
 * Lagrangian gives covered pairs a priority `p` per unit, 0 <= p <= penalty, and the covered volume
 * grows with p. So the run searches (bisection on whole rupiah) the smallest priority whose optimum
 * reaches the target, or what the whole penalty reaches when the target is out of reach:
 *
 * - the target met exactly: that optimum is an optimum of the soft-target model;
 * - out of reach even at the whole penalty: every covered unit the market can carry at a cost
 *   below the penalty is allocated, which is what the penalty asks for;
 * - otherwise the optimum at that priority may pass the target by what one breakpoint adds (a
 *   whole request changing hands at once); the units above the target are then taken back from
 *   the covered allocations with the lowest real gain, and what they free is solved again with the
 *   agreements' pairs excluded and no priority: the run meets the target exactly and the rest of
 *   the market goes where it gains most. (That last step is a heuristic: exact for the target,
 *   not always for the gain; a trimmed allocation below a listing's minimum order is kept.)
 *
 * The priority ranks pairs in the objective only: proposals show the real gain, with the priority
 * beside it as agreementBonusPerUnit (an agreement's own fixed bonus stays when larger). With
 * several committed agreements in one market the search runs once per agreement, by id, each
 * holding the others' priorities found so far.
 */
export function solveWithCommitments(
  market: CommodityMarket,
  context: Omit<MatchingContext, 'agreementBonus'>,
  agreements: readonly EngineAgreement[],
): SolveMarketResult {
  const committed = committedAgreements(market, agreements);
  const priorities = new Map<string, number>();
  const solveWith = () =>
    solveMarket({
      ...market,
      ...context,
      agreementBonus: agreementLookupFrom(agreements, market.commodityCode, priorities),
    });
  if (committed.length === 0) return solveWith();

  const coveredBy = (result: SolveMarketResult, id: string) =>
    result.allocations.reduce((sum, a) => sum + (a.arc.agreementId === id ? a.quantity : 0), 0);

  for (const agreement of committed) {
    const { remainingQuantity: target, shortfallPenaltyPerUnit: penalty } = agreement.commitment!;
    priorities.set(agreement.id, penalty);
    const reachable = Math.min(target, coveredBy(solveWith(), agreement.id));
    let low = 0;
    let high = penalty;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      priorities.set(agreement.id, mid);
      if (coveredBy(solveWith(), agreement.id) >= reachable) high = mid;
      else low = mid + 1;
    }
    priorities.set(agreement.id, low);
  }

  const result = trimOvershoot(solveWith(), committed, market, context, agreements, coveredBy);
  const commitments: CommitmentOutcome[] = committed.map((a) => {
    const allocated = coveredBy(result, a.id);
    const target = a.commitment!.remainingQuantity;
    return {
      agreementId: a.id,
      target,
      allocated,
      shortfall: Math.max(0, target - allocated),
      priorityPerUnit: priorities.get(a.id) ?? 0,
    };
  });
  return { ...result, commitments };
}

/** The agreements with a committed volume still to match in this market, by id. */
export function committedAgreements(
  market: Pick<CommodityMarket, 'commodityCode'>,
  agreements: readonly EngineAgreement[],
): EngineAgreement[] {
  return agreements
    .filter(
      (a) =>
        a.commitment &&
        a.commitment.remainingQuantity > 0 &&
        a.commitment.shortfallPenaltyPerUnit > 0 &&
        (a.commodityCodes === undefined || a.commodityCodes.includes(market.commodityCode)),
    )
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Takes the units above each target back and re-solves what they free without priority. */
function trimOvershoot(
  result: SolveMarketResult,
  committed: readonly EngineAgreement[],
  market: CommodityMarket,
  context: Omit<MatchingContext, 'agreementBonus'>,
  agreements: readonly EngineAgreement[],
  coveredBy: (result: SolveMarketResult, id: string) => number,
): SolveMarketResult {
  const kept = result.allocations.map((a) => ({ ...a }));
  // A fair share (rationing.ts) is a hard bound: what it holds is never taken back, even when it
  // alone passes the target.
  const guaranteed = new Set(market.requests.filter((r) => r.guaranteed).map((r) => r.id));
  let trimmed = false;
  for (const agreement of committed) {
    let excess = coveredBy(result, agreement.id) - agreement.commitment!.remainingQuantity;
    if (excess <= 0) continue;
    const covered = kept
      .filter((a) => a.arc.agreementId === agreement.id && !guaranteed.has(a.requestId))
      .sort(
        (a, b) => a.arc.gainPerUnit - a.arc.bonusPerUnit - (b.arc.gainPerUnit - b.arc.bonusPerUnit),
      );
    for (const allocation of covered) {
      if (excess <= 0) break;
      const cut = Math.min(excess, allocation.quantity);
      trimmed = true;
      allocation.quantity -= cut;
      allocation.quantityShipped = shippedForDelivered(
        allocation.quantity,
        allocation.arc.shrinkPpm,
      );
      excess -= cut;
    }
  }
  if (!trimmed) return result;
  const allocations = kept.filter((a) => a.quantity > 0);

  // The residual market: what the kept allocations leave, with every committed agreement's pairs
  // excluded (their targets are met) and no priority for them.
  const shipped = new Map<string, number>();
  const delivered = new Map<string, number>();
  for (const a of allocations) {
    shipped.set(a.listingId, (shipped.get(a.listingId) ?? 0) + a.quantityShipped);
    delivered.set(a.requestId, (delivered.get(a.requestId) ?? 0) + a.quantity);
  }
  const plain = agreementLookupFrom(agreements, market.commodityCode);
  const committedIds = new Set(committed.map((a) => a.id));
  const withPriority = agreementLookupFrom(
    agreements,
    market.commodityCode,
    new Map(committed.map((a) => [a.id, a.commitment!.shortfallPenaltyPerUnit])),
  );
  const pairs = [...(market.exclusions?.pairs ?? [])];
  for (const l of market.listings) {
    for (const r of market.requests) {
      const covering = withPriority(l.originRegionCode, r.destinationRegionCode, l.pricePerUnit);
      if (covering && committedIds.has(covering.agreementId))
        pairs.push({ listingId: l.id, requestId: r.id });
    }
  }
  const residual = solveMarket({
    ...market,
    ...context,
    listings: market.listings
      .map((l) => ({ ...l, remainingQuantity: l.remainingQuantity - (shipped.get(l.id) ?? 0) }))
      .filter((l) => l.remainingQuantity > 0),
    requests: market.requests
      .map((r) => ({ ...r, remainingQuantity: r.remainingQuantity - (delivered.get(r.id) ?? 0) }))
      .filter((r) => r.remainingQuantity > 0),
    exclusions: { pairs, organizationPairs: market.exclusions?.organizationPairs ?? [] },
    agreementBonus: plain,
  });
  const merged = new Map<string, Allocation>(
    allocations.map((a) => [`${a.listingId}|${a.requestId}`, a]),
  );
  for (const a of residual.allocations) {
    const key = `${a.listingId}|${a.requestId}`;
    const existing = merged.get(key);
    if (existing) {
      existing.quantity += a.quantity;
      existing.quantityShipped = shippedForDelivered(existing.quantity, existing.arc.shrinkPpm);
    } else merged.set(key, a);
  }
  const all = [...merged.values()].sort((a, b) =>
    a.listingId === b.listingId
      ? a.requestId < b.requestId
        ? -1
        : 1
      : a.listingId < b.listingId
        ? -1
        : 1,
  );
  return {
    ...result,
    allocations: all,
    objective: all.reduce((sum, a) => sum + a.quantity * a.arc.gainPerUnit, 0),
  };
}
