import type {
  Allocation,
  CommodityShelfLife,
  EngineAgreement,
  EngineExclusions,
  EngineListing,
  EngineRequest,
  RationingPolicy,
} from './engine';
import type { TransportLeg, TransportNetworkData } from '../logistics/logistics.types';
import type { LiveProposal } from './market.repository';

/**
 * Everything one matching run of one commodity reads, loaded in one transaction under the
 * commodity's lock: the pure steps (solve, diff) take this instead of a list of parameters.
 */
export interface MarketSnapshot {
  commodityCode: string;
  shelfLife: CommodityShelfLife;
  network: TransportNetworkData;
  networkVersion: string;
  now: Date;
  /** Open listings and requests, held proposals' quantities already out of play. */
  listings: EngineListing[];
  requests: EngineRequest[];
  agreements: EngineAgreement[];
  exclusions: EngineExclusions;
  /** How a shortage is shared (an administrator's choice; staples default to fair). */
  rationing: RationingPolicy;
  /** Proposals with both sides still pending: what the run may keep or supersede. */
  open: LiveProposal[];
  /** Proposals one side accepted: they stay unless their listing or request left the market. */
  held: LiveProposal[];
  /** Ids of the held proposals' listings and requests that are still open. */
  heldStillOpen: ReadonlySet<string>;
}

/**
 * Whether the market has committed volumes (agreements with a volume to deliver, #12): a priority
 * the engine searches for, which neither the incumbent tie-breaking, the live market's answer nor
 * the settled check describes.
 */
export function hasCommittedVolumes(snapshot: Pick<MarketSnapshot, 'agreements'>): boolean {
  return snapshot.agreements.some((a) => a.commitment);
}

/** What a run writes: the difference between the stored proposals and the optimum. */
/**
 * Whether a commodity's market is large enough for its owner's live market to answer its runs
 * (LiveMarkets.mayAnswer): more listing x request pairs than `liveAnswerAbovePairs`, the size up
 * to which a solve settles its own answer in a few hundred ms.
 */
export function answeredLiveBySize(
  listings: number,
  requests: number,
  liveAnswerAbovePairs: number,
): boolean {
  return listings * requests > liveAnswerAbovePairs;
}

export interface ProposalDiff {
  /** Open proposals the optimum keeps exactly (same pair, quantities, mode and agreement). */
  kept: LiveProposal[];
  /** Open proposals the optimum no longer wants as they are. */
  superseded: LiveProposal[];
  /** Held proposals whose listing has left the market. */
  listingGone: LiveProposal[];
  /** Held proposals whose request has left the market (their listing is still open). */
  requestGone: LiveProposal[];
  /** Allocations no kept proposal already states: new proposals to write. */
  fresh: Allocation[];
}

export const pairKey = (listingId: string, requestId: string): string =>
  `${listingId}|${requestId}`;

export const isOpenProposal = (p: LiveProposal): boolean =>
  p.supplierDecision === 'pending' && p.buyerDecision === 'pending';

/**
 * A route as its legs' places and services: what a party reads as "which way it goes". A stored
 * proposal's is computed by its query (MarketRepository.liveProposals, the same text); an
 * allocation's once per route object, which the route table shares among its arcs (a national
 * market's diff compares 8,000 of them every run).
 */
export function routeKey(route: readonly TransportLeg[]): string {
  let key = routeKeys.get(route);
  if (key === undefined) {
    key = route.map((leg) => `${leg.from}>${leg.to}:${leg.service ?? ''}`).join('|');
    routeKeys.set(route, key);
  }
  return key;
}
const routeKeys = new WeakMap<readonly TransportLeg[], string>();

/**
 * The incumbent rule: a proposal is kept when the optimum wants exactly what it states (the same
 * pair, price, shipped and delivered quantities, transport option, route and landed cost) and
 * still for the same reason (the agreement that ranked it: when that changed, it no longer
 * explains itself). The route and landed cost matter on their own: "air" from Soekarno-Hatta
 * while Juanda was closed is not the "air" from Juanda the optimum wants once it reopens.
 */
export function keepsProposal(
  allocation: Allocation | undefined,
  proposal: LiveProposal,
  listingPrice: number | undefined,
): boolean {
  return (
    allocation !== undefined &&
    // A proposal states the listing's price: a new price is a new proposal.
    listingPrice === proposal.pricePerUnit &&
    allocation.quantity === proposal.quantityDelivered &&
    allocation.quantityShipped === proposal.quantity &&
    allocation.arc.transportLabel === proposal.transportMode &&
    allocation.arc.landedCostPerUnit === proposal.landedCostPerUnit &&
    routeKey(allocation.arc.route) === proposal.routeKey &&
    allocation.arc.agreementId === proposal.agreementId
  );
}

/** The diff of a run: pure, so that what is kept, superseded and proposed is tested alone. */
export function diffProposals(
  snapshot: Pick<MarketSnapshot, 'listings' | 'open' | 'held' | 'heldStillOpen'>,
  allocations: readonly Allocation[],
): ProposalDiff {
  const prices = new Map(snapshot.listings.map((l) => [l.id, l.pricePerUnit]));
  const wanted = new Map(allocations.map((a) => [pairKey(a.listingId, a.requestId), a]));
  const kept: LiveProposal[] = [];
  const superseded: LiveProposal[] = [];
  const keptKeys = new Set<string>();
  for (const proposal of snapshot.open) {
    const key = pairKey(proposal.supplyListingId, proposal.demandRequestId);
    if (keepsProposal(wanted.get(key), proposal, prices.get(proposal.supplyListingId))) {
      kept.push(proposal);
      keptKeys.add(key);
    } else superseded.push(proposal);
  }
  const open = snapshot.heldStillOpen;
  return {
    kept,
    superseded,
    listingGone: snapshot.held.filter((p) => !open.has(p.supplyListingId)),
    requestGone: snapshot.held.filter(
      (p) => open.has(p.supplyListingId) && !open.has(p.demandRequestId),
    ),
    fresh: allocations.filter((a) => !keptKeys.has(pairKey(a.listingId, a.requestId))),
  };
}
