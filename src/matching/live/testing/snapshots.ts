import { solveMarket, type Allocation, type EngineListing, type EngineRequest } from '../../engine';
import { CHILI, NOW, referenceNetwork } from '../../engine/testing/market.factory';
import type { LiveProposal } from '../../market.repository';
import { routeKey, type MarketSnapshot } from '../../matching-run';

/** Test fixtures of the live market's specs: runs' snapshots and stored proposals, without I/O. */

export const COMMODITY = 'cabai_merah_keriting';

/** A run's snapshot of a `max-gain` chili market at NOW, with these open proposals. */
export function snapshotOf(
  market: { listings: EngineListing[]; requests: EngineRequest[] },
  open: LiveProposal[] = [],
): MarketSnapshot {
  return {
    commodityCode: COMMODITY,
    shelfLife: CHILI,
    network: { regions: [], hubs: [], modes: [] },
    networkVersion: 'v1',
    now: new Date(NOW),
    listings: market.listings,
    requests: market.requests,
    agreements: [],
    exclusions: { pairs: [], organizationPairs: [] },
    rationing: 'max-gain',
    open,
    held: [],
    heldStillOpen: new Set(),
  };
}

let proposalIds = 0;

/**
 * The proposals a run would have written for these allocations (by default the market's plain
 * optimum on the reference network), both sides pending; ids unique across calls.
 */
export function proposalsOf(
  snapshot: MarketSnapshot,
  allocations: readonly Allocation[] = solveMarket({
    ...snapshot,
    network: referenceNetwork(),
    now: NOW,
  }).allocations,
): LiveProposal[] {
  const prices = new Map(snapshot.listings.map((l) => [l.id, l.pricePerUnit]));
  return allocations.map((a) => ({
    id: `P${proposalIds++}`,
    supplyListingId: a.listingId,
    demandRequestId: a.requestId,
    quantity: a.quantityShipped,
    pricePerUnit: prices.get(a.listingId)!,
    quantityDelivered: a.quantity,
    transportMode: a.arc.transportLabel,
    landedCostPerUnit: a.arc.landedCostPerUnit,
    routeKey: routeKey(a.arc.route),
    supplierDecision: 'pending',
    buyerDecision: 'pending',
    supplierOrganizationId: 'S',
    buyerOrganizationId: 'B',
    agreementId: a.arc.agreementId,
  }));
}
