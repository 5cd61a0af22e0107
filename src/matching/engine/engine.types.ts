import type { TransportNetwork } from '../../logistics/transport-network';
import type {
  ColdChain,
  TransportLeg,
  TransportModeName,
  TransportOptionLabel,
} from '../../logistics/logistics.types';
import type { EngineExclusions } from './exclusions';

/**
 * Plain inputs and outputs of the allocation engine. Times are epoch milliseconds, quantities
 * and money integers (IDR per unit of the commodity).
 */

export interface EngineListing {
  id: string;
  commodityCode: string;
  /** 0 = best grade; ungraded commodities use 0. */
  gradeRank: number;
  remainingQuantity: number;
  /** 0 or 1 when the listing has no minimum. */
  minOrderQuantity: number;
  pricePerUnit: number;
  originRegionCode: string;
  availableFrom: number;
  availableUntil: number;
  /** Shelf life counts from here; pass availableFrom when there is no harvest date. */
  harvestedAt: number;
  /** The supplier organization is verified by a platform administrator (absent: it is not). */
  organizationVerified?: boolean;
  /** The supplier takes proposals from verified buyers only (absent: from anyone). */
  verifiedCounterpartsOnly?: boolean;
  /** The owner, needed only for partner exclusions. */
  organizationId?: string;
}

export interface EngineRequest {
  id: string;
  commodityCode: string;
  /** The worst acceptable grade rank (this grade or better). */
  minGradeRank: number;
  remainingQuantity: number;
  maxPricePerUnit: number;
  destinationRegionCode: string;
  deliverFrom: number | null;
  deliverBy: number;
  minShelfLifeDaysOnArrival: number;
  /**
   * The buyer declared cold storage at the destination: the minimum shelf life on arrival is
   * checked against the chilled days left (absent or false: the ambient days).
   */
  coldStorage?: boolean;
  /** The buyer organization is verified by a platform administrator (absent: it is not). */
  organizationVerified?: boolean;
  /** The buyer takes proposals from verified suppliers only (absent: from anyone). */
  verifiedCounterpartsOnly?: boolean;
  /** The owner, needed only for partner exclusions. */
  organizationId?: string;
  /**
   * Set on a piece split off a request for the tie-breaking (src/matching/incumbent-preference.ts):
   * the request it belongs to. Rules about the pair (declines) use it, not the piece's own id.
   */
  pieceOf?: string;
  /**
   * On a piece and on the rest of a request split for the tie-breaking or a fair share: the whole
   * request's remaining quantity. Rules about the request's size (a listing's minimum order) judge
   * the request, never a piece: a 270 kg piece of a 300 kg request can still be served by a
   * listing that sells at least 300 (see requestSize in pair-rules.ts).
   */
  wholeRemainingQuantity?: number;
  /**
   * The buyer's policy "never above the reference ceiling" (#12): the consumer-level HET, or the
   * HAP's upper bound, of the destination's zone, as the loader found it. A landed cost above it
   * rules the pair out, whatever the buyer's maximum. Absent or null: no such cap.
   */
  referenceCeilingPerUnit?: number | null;
  /**
   * Set on the piece holding a request's fair share in a shortage (rationing.ts): its whole
   * quantity must be served whenever some allocation can (its shortfall costs more than any
   * allocation gains), and only then does the gain decide. Only for MarketSolver.build().
   */
  guaranteed?: boolean;
}

export interface CommodityShelfLife {
  shelfLifeDaysAmbient: number;
  /** Life at the commodity's cold-chain temperature (7-10 C produce, 0-4 C meat and fish). */
  shelfLifeDaysCold: number;
  /**
   * Meat and fish: they travel chilled or not at all (commodities-id.csv cold_chain_required):
   * no option with time out of the cold is offered for them.
   */
  coldChainRequired?: boolean;
  /**
   * The commodity's category (grain, horticulture, ...): its shrink on each transport option
   * (shrink-id.csv). Absent: the transport modes' default shrinks.
   */
  category?: string;
  /** Grade names best first, only used to word explanations. */
  grades?: readonly string[];
}

export interface AgreementBonus {
  agreementId: string;
  bonusPerUnit: number;
}

/**
 * The bonus for a region pair, or null. The caller decides which agreements apply (validity,
 * commodity, province-level agreements covering their regencies); agreement-lookup.ts builds one
 * from plain agreement rows.
 */
export type AgreementLookup = ((
  originRegionCode: string,
  destinationRegionCode: string,
  /** The listing's price: an agreement with a price band covers only prices inside it. */
  pricePerUnit?: number,
) => AgreementBonus | null) & {
  /** Some agreement has a price band: the answer depends on the price, not only the regions. */
  readonly priceBanded?: boolean;
};

/**
 * A volume the two governments committed to for the current period, as a soft target: each unit
 * short of it costs shortfallPenaltyPerUnit in the objective (see commitments.ts).
 */
export interface EngineCommitment {
  /** What is still to be matched this period (committed minus what is confirmed or held). */
  remainingQuantity: number;
  shortfallPenaltyPerUnit: number;
}

/** An agreement as plain data (for worker threads, where functions cannot be posted). */
export interface EngineAgreement {
  id: string;
  /** The two regions; a province code covers all its regencies and cities. */
  regionCodes: readonly string[];
  bonusPerUnit: number;
  /** When present, the agreement only covers these commodities. */
  commodityCodes?: readonly string[];
  /** Listing prices (IDR per unit) the agreement covers; absent: any. */
  priceFloorPerUnit?: number | null;
  priceCeilingPerUnit?: number | null;
  /** The committed volume of this commodity for the current period, when there is one. */
  commitment?: EngineCommitment | null;
}

/** How a run treated one agreement's committed volume. */
export interface CommitmentOutcome {
  agreementId: string;
  /** What was still to be matched when the run started. */
  target: number;
  /** Units the run allocated on pairs the agreement covers (delivered units). */
  allocated: number;
  shortfall: number;
  /** The priority per unit that reached the target (0 to the shortfall penalty). */
  priorityPerUnit: number;
}

/** Everything shared by the pairs of one solve. */
export interface MatchingContext {
  network: TransportNetwork;
  now: number;
  agreementBonus?: AgreementLookup;
}

/** A feasible listing-request pair with the explanation every proposal carries. */
export interface FeasibleArc {
  listingId: string;
  requestId: string;
  transportMode: TransportModeName;
  transportLabel: TransportOptionLabel;
  reefer: boolean;
  transportCostPerUnit: number;
  /** ceil(pricePerUnit / (1 - shrink) + transportCostPerUnit). */
  landedCostPerUnit: number;
  departureDate: number;
  arrivalDate: number;
  transitDays: number;
  /**
   * Ambient days left once unloaded, rounded to 0.01 day; the rule is checked on the unrounded
   * value (on the chilled days for a buyer with cold storage).
   */
  shelfLifeDaysOnArrival: number;
  /** The same life left counted in chilled days (for a cold store), rounded to 0.01 day. */
  chilledShelfLifeDaysOnArrival: number;
  /** Whether the cold chain holds door to door on the chosen option. */
  coldChain: ColdChain;
  /** Hours of the transit spent out of the cold, rounded to 0.1 hour. */
  ambientTransitHours: number;
  /**
   * The ambient days of shelf life a broken cold chain costs against the same trip kept cold
   * throughout, rounded to 0.01 day (0 unless coldChain is `broken`).
   */
  coldChainBreakShelfDays: number;
  distanceKm: number;
  /**
   * maxPricePerUnit - landedCostPerUnit + agreement bonus: the arc's weight in the objective.
   * The bonus is a priority, not money: what people are shown as gain is gainPerUnit -
   * bonusPerUnit. May be 0 for a feasible pair whose landed cost equals the buyer's maximum:
   * such a pair is feasible but never allocated.
   */
  gainPerUnit: number;
  agreementId: string | null;
  bonusPerUnit: number;
  originHubCode: string | null;
  destinationHubCode: string | null;
  /** The chosen option's shrink in parts per million (exact), and as a fraction. */
  shrinkPpm: number;
  shrinkRate: number;
  /**
   * landedCostPerUnit = pricePerUnit + shrinkPerUnit + transportCostPerUnit (+ fees, none yet),
   * with shrinkPerUnit = ceil(pricePerUnit / (1 - shrink)) - pricePerUnit: the rupiah of goods
   * lost on the way, per delivered unit, rounded up once.
   */
  shrinkPerUnit: number;
  /** The chosen option's legs (shared with the network's cache: do not mutate). */
  route: readonly TransportLeg[];
}

export type InfeasibilityRule =
  | 'grade'
  | 'transport'
  | 'window'
  | 'shelf_life'
  | 'price'
  | 'reference_ceiling'
  | 'min_order'
  | 'counterpart';

/**
 * Stable codes of what rules a pair out, finer than the rule: a reader's language words each
 * code from its own catalog with the figures in `params` (the English `message` stays for API
 * clients that print it).
 */
export type InfeasibilityCode =
  | 'other_commodity'
  | 'grade_below_minimum'
  | 'no_route'
  | 'window_closed'
  | 'arrives_too_late'
  | 'departs_after_window'
  | 'spoils_before_arrival'
  | 'shelf_life_too_short'
  | 'needs_cold_chain'
  | 'above_maximum_price'
  | 'above_reference_ceiling'
  | 'below_minimum_order'
  | 'buyer_wants_verified_supplier'
  | 'supplier_wants_verified_buyer';

/**
 * The figures of a reason, unformatted: instants in epoch milliseconds, money in whole rupiah,
 * quantities in kg, days as numbers (rounded as the English message rounds them). Only the
 * fields the code needs are set.
 */
export interface InfeasibilityParams {
  offeredCommodity?: string;
  wantedCommodity?: string;
  offeredGrade?: string;
  minimumGrade?: string;
  originRegionCode?: string;
  destinationRegionCode?: string;
  /** The transport option the figures are of (`air`, `sea-reefer`, ...). */
  transport?: TransportOptionLabel;
  availableUntil?: number;
  departureDate?: number;
  arrivalDate?: number;
  deliverFrom?: number;
  deliverBy?: number;
  latestDeliverFrom?: number;
  arrivalInDays?: number;
  deliverByInDays?: number;
  shelfLifeDaysLeft?: number;
  spoiledDaysBeforeArrival?: number;
  neededShelfLifeDays?: number;
  landedCostPerUnit?: number;
  maxPricePerUnit?: number;
  /** Null when no asking price can help (the transport alone costs more than the maximum). */
  maxAskingPricePerUnit?: number | null;
  ceilingPerUnit?: number;
  minOrderQuantity?: number;
  requestedQuantity?: number;
}

export interface Infeasibility {
  rule: InfeasibilityRule;
  code: InfeasibilityCode;
  params: InfeasibilityParams;
  /** What rules the pair out, with the best option's figures. */
  message: string;
  /** What would make the pair match. */
  wouldTake: string;
}

export type PairEvaluation =
  { feasible: true; arc: FeasibleArc } | { feasible: false; reason: Infeasibility };

export interface CommodityMarket {
  commodityCode: string;
  shelfLife: CommodityShelfLife;
  listings: readonly EngineListing[];
  requests: readonly EngineRequest[];
  /** Pairs never to allocate, whatever their gain. */
  exclusions?: EngineExclusions;
  /** Tie-breaking among optima (src/matching/incumbent-preference.ts builds it). */
  preference?: PairPreference;
  /** How a shortage is shared (rationing.ts); absent: max-gain. */
  rationing?: RationingPolicy;
}

/**
 * `fair`: in a shortage every request some listing can serve gets its fair share first (the
 * lexicographic max-min of fill ratios), then the gain decides. `max-gain`: the gain alone.
 */
export type RationingPolicy = 'fair' | 'max-gain';
export const RATIONING_POLICIES: readonly RationingPolicy[] = ['fair', 'max-gain'];

/** How a `fair` run shared the market, and what fairness cost (gains without agreement priority). */
export interface RationingOutcome {
  policy: RationingPolicy;
  /** Requests with at least one feasible pair (pieces of one request count once). */
  servableRequests: number;
  /** Servable requests whose share is below what they ask. */
  rationedRequests: number;
  /** Some servable request cannot be served in full. */
  deficit: boolean;
  /** The smallest fill ratio the shares guarantee: the exact max-min over whole-unit allocations. */
  shareMinFillRatio: { numerator: number; denominator: number };
  /** The smallest fill ratio of the run's allocation (1 when no request is servable). */
  minFillRatio: number;
  /** Levels of the water-filling. */
  levels: number;
  /** Requests below their share after the minimum-order rule (see rationing.ts). */
  sharesMissed: number;
  /** Units the allocation leaves below the requests' shares, summed (0 when every share is met). */
  shareShortfall: number;
  /**
   * The incumbent tie-breaking was left out of the solve with the shares: its scaled gains left
   * no room for the big-M that holds on every market, and the solve with a capped one could not
   * prove the shares still came first (MarketSolver's guaranteedSlackCost). Only the incumbents
   * themselves, when no worse, then keep proposals from changing (see rationing.ts).
   */
  tieBreakingDropped: boolean;
  /** Real gain (IDR) of the max-gain optimum and of the fair allocation. */
  gainUnconstrained: number;
  gainFair: number;
  /** gainUnconstrained - gainFair, and as a percentage of gainUnconstrained. */
  priceOfFairness: number;
  priceOfFairnessPercent: number;
}

/**
 * Breaks ties between optimal allocations without changing the optimum: the simplex works on
 * `gain x scale + nudge` for the listed pairs (`gain x scale` elsewhere). With integer gains two
 * allocations of different objectives differ by `scale` or more, so as long as `scale` exceeds
 * the largest total nudge any allocation can collect, the scaled optimum is a true optimum, and
 * among true optima the one with the most nudged units. Allocations and objectives are reported
 * in true gains.
 */
export interface PairPreference {
  scale: number;
  pairs: readonly PairNudge[];
}

export interface PairNudge {
  listingId: string;
  requestId: string;
  nudge: number;
}

export interface SolveMarketInput extends CommodityMarket, MatchingContext {}

export interface Allocation {
  listingId: string;
  requestId: string;
  /** Units delivered: what the request gets (its remainingQuantity is in delivered units). */
  quantity: number;
  /** Units that leave the listing: ceil(quantity / (1 - shrink)); never above the listing's. */
  quantityShipped: number;
  arc: FeasibleArc;
}

export interface SolveStats {
  listings: number;
  requests: number;
  /** Feasible pairs with positive gain: the arcs of the transportation problem. */
  arcs: number;
  /** Network simplex pivots of the full solve. */
  pivots: number;
  /** Arcs forbidden because an allocation on them fell below the listing's minimum order. */
  minOrderForbidden: number;
  /**
   * sum(delivered x gainPerUnit) before the shipped-unit rounding trim: the exact optimum of the
   * transportation problem, the same for every optimal allocation (the trim may cost a unit per
   * extra allocation of a listing, so `objective` can differ between tied optima).
   */
  objectiveBeforeRounding: number;
}

export interface SolveMarketResult {
  commodityCode: string;
  /** Sorted by listingId, then requestId. */
  allocations: Allocation[];
  /** Sum of quantity (delivered) x gainPerUnit. */
  objective: number;
  stats: SolveStats;
  /** Agreements with a committed volume in this market, and how far the run met it. */
  commitments?: CommitmentOutcome[];
  /** Present for a market solved under the `fair` policy. */
  rationing?: RationingOutcome;
}
