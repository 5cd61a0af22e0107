import type { CommodityShelfLife, EngineListing, EngineRequest } from './engine.types';
import { DAY_MS, landedBase, lotBandOf, type CompiledRoute, type RouteTable } from './route-table';

/**
 * The per-option rules shared by the candidate generator (hot loop, no allocation) and the
 * explanations of evaluatePair, so that both always agree.
 *
 * Timing: the departure is the earliest one allowed by the listing (availableFrom, and not before
 * now) but no earlier than deliverFrom - transit, so that the goods do not arrive before the buyer
 * wants them. It must fall inside the listing's window, and departure + transit must not be after
 * deliverBy.
 *
 * Shelf life: the goods use up a fraction of their life. Days between harvest and departure are
 * spent ambient; each part of the transit at the temperature it travels at (the option's legs
 * and transfers, see TransportOption.ambientTransitDays):
 *   used = (departure - harvestedAt + ambientTransit) / ambientLife + coldTransit / coldLife
 *   left on arrival = (1 - used) x ambientLife
 * i.e. the days left are the ambient days the buyer has once the goods are unloaded (the cold
 * chain ends at the buyer's door); shelfLeftChilledDays counts the same fraction in cold days,
 * for a buyer who declared cold storage (the request's coldStorage): the minimum shelf life on
 * arrival is checked against those days for such a buyer.
 *
 * A commodity that must travel chilled (meat and fish: coldChainRequired) cannot take an option
 * with any time out of the cold: its life is then -Infinity, failing the shelf-life rule.
 */

export const PAIR_OK = 0;
export const PAIR_WINDOW = 1;
export const PAIR_SHELF = 2;
export const PAIR_PRICE = 3;
/** Within the buyer's maximum, but above the reference ceiling the buyer's policy caps it at. */
export const PAIR_CEILING = 4;

/**
 * The highest landed cost the request can be proposed: its maximum, or the reference ceiling of
 * its policy when lower. Gains stay maxPrice - landed (the ceiling only rules pairs out).
 */
export function priceLimitOf(request: EngineRequest): number {
  const ceiling = request.referenceCeilingPerUnit;
  return ceiling === undefined || ceiling === null
    ? request.maxPricePerUnit
    : Math.min(request.maxPricePerUnit, ceiling);
}

/** Float noise guard for the shelf-life comparison (life is in days, this is ~1 ms). */
const SHELF_EPSILON = 1e-8;

export interface ShelfModel {
  ambientDays: number;
  coldDays: number;
  ambientMs: number;
  coldMs: number;
  /** coldDays / ambientDays: converts ambient days left into a cold store's days. */
  chilledPerAmbient: number;
  /** Meat and fish: no option with time out of the cold. */
  coldChainRequired: boolean;
}

export function shelfModel(shelfLife: CommodityShelfLife): ShelfModel {
  const ambientDays = Math.max(shelfLife.shelfLifeDaysAmbient, 1e-9);
  const coldDays = Math.max(shelfLife.shelfLifeDaysCold, 1e-9);
  return {
    ambientDays,
    coldDays,
    ambientMs: ambientDays * DAY_MS,
    coldMs: coldDays * DAY_MS,
    chilledPerAmbient: coldDays / ambientDays,
    coldChainRequired: shelfLife.coldChainRequired === true,
  };
}

/** What a listing brings to every pair, computed once per listing. */
export interface ListingFacts {
  listing: EngineListing;
  originIndex: number;
  /** max(availableFrom, now). */
  earliestDeparture: number;
  /** ceil(price / (1 - shrink)) per shrink slot of the route table. */
  landedBaseBySlot: number[];
  /** The route table's shrink per slot (ppm), for the arc's explanation. */
  shrinkPpmBySlot: readonly number[];
  /**
   * The lot band its freight is costed at: the listing's remaining quantity (see
   * LOT_BANDS_KG). An allocation smaller than the lot pays the lot's rate per kg.
   */
  lotBand: number;
}

export function listingFacts(
  listing: EngineListing,
  now: number,
  routes: RouteTable,
): ListingFacts {
  return {
    listing,
    originIndex: routes.regionIndex(listing.originRegionCode),
    earliestDeparture: Math.max(listing.availableFrom, now),
    landedBaseBySlot: routes.shrinkPpmBySlot.map((ppm) => landedBase(listing.pricePerUnit, ppm)),
    shrinkPpmBySlot: routes.shrinkPpmBySlot,
    lotBand: lotBandOf(listing.remainingQuantity),
  };
}

export function departureFor(
  facts: ListingFacts,
  request: EngineRequest,
  transitMs: number,
): number {
  return request.deliverFrom === null
    ? facts.earliestDeparture
    : Math.max(facts.earliestDeparture, request.deliverFrom - transitMs);
}

/**
 * Ambient days left once the goods are unloaded: the buyer's market is ambient, so cold days
 * saved in a reefer count at the ambient rate on arrival ("6.1 cold days" after a reefer leg are
 * about 1.3 ambient days for chili). `ambientTransitMs` of the transit are spent out of the cold
 * (a whole ambient option, or the breaks of a reefer one), the rest cold. -Infinity for a
 * commodity that must travel chilled on an option with time out of the cold.
 */
export function shelfLeftDays(
  departure: number,
  transitMs: number,
  ambientTransitMs: number,
  harvestedAt: number,
  shelf: ShelfModel,
): number {
  if (shelf.coldChainRequired && ambientTransitMs > 0) return -Infinity;
  const used =
    (Math.max(0, departure - harvestedAt) + ambientTransitMs) / shelf.ambientMs +
    (transitMs - ambientTransitMs) / shelf.coldMs;
  return (1 - used) * shelf.ambientDays;
}

/** The same fraction of life left, counted in chilled days: for a buyer with cold storage. */
export function chilledDaysOf(ambientDaysLeft: number, shelf: ShelfModel): number {
  return ambientDaysLeft * shelf.chilledPerAmbient;
}

/**
 * The days left as the buyer will have them: chilled days for a buyer who declared cold
 * storage, ambient days otherwise. The minimum shelf life on arrival is checked against these.
 */
export function buyerShelfDays(
  ambientDaysLeft: number,
  coldStorage: boolean | undefined,
  shelf: ShelfModel,
): number {
  return coldStorage === true ? ambientDaysLeft * shelf.chilledPerAmbient : ambientDaysLeft;
}

/**
 * The ambient days of shelf life the time out of the cold costs on a broken chain, against
 * the same trip kept cold throughout: ambientTransit x (1/ambientLife - 1/coldLife), in ambient
 * days. 0 on a full cold chain, and on an ambient option (nothing was kept cold to break).
 */
export function coldChainBreakDays(
  ambientTransitMs: number,
  coldChain: 'full' | 'broken' | 'none',
  shelf: ShelfModel,
): number {
  if (coldChain !== 'broken') return 0;
  return (ambientTransitMs / shelf.ambientMs - ambientTransitMs / shelf.coldMs) * shelf.ambientDays;
}

export function windowFits(
  facts: ListingFacts,
  request: EngineRequest,
  departure: number,
  transitMs: number,
): boolean {
  return departure <= facts.listing.availableUntil && departure + transitMs <= request.deliverBy;
}

/** Rule 4 on the ambient days left: chilled days are checked for a buyer with cold storage. */
export function shelfFits(left: number, request: EngineRequest, shelf: ShelfModel): boolean {
  return shelfFitsMinimum(
    buyerShelfDays(left, request.coldStorage, shelf),
    request.minShelfLifeDaysOnArrival,
  );
}

export function shelfFitsMinimum(left: number, minimumDays: number): boolean {
  return left >= minimumDays - SHELF_EPSILON;
}

/** The cheapest option that passes the window and shelf-life rules, written by chooseOption. */
export interface OptionChoice {
  option: number;
  departure: number;
  landed: number;
  shelfLeft: number;
}

export function newOptionChoice(): OptionChoice {
  return { option: -1, departure: 0, landed: 0, shelfLeft: 0 };
}

/**
 * Applies rules 3 (window), 4 (shelf life) and 5 (price, then the buyer's reference ceiling)
 * over a route's options. Returns PAIR_OK
 * with the cheapest landed option in `out` (ties: first by label, the route's order), or the
 * first rule that no option passes. Grade, transport and minimum order are checked by callers.
 */
export function chooseOption(
  facts: ListingFacts,
  request: EngineRequest,
  route: CompiledRoute,
  shelf: ShelfModel,
  out: OptionChoice,
): number {
  const { transitMs, costPerUnit, shrinkSlot, ambientMs } = route;
  const harvestedAt = facts.listing.harvestedAt;
  let status = PAIR_WINDOW;
  let best = -1;
  let bestLanded = Infinity;
  for (let k = 0; k < transitMs.length; k++) {
    const t = transitMs[k];
    const departure = departureFor(facts, request, t);
    if (!windowFits(facts, request, departure, t)) continue;
    const left = shelfLeftDays(departure, t, ambientMs[k], harvestedAt, shelf);
    if (!shelfFits(left, request, shelf)) {
      status = PAIR_SHELF;
      continue;
    }
    const landed = facts.landedBaseBySlot[shrinkSlot[k]] + costPerUnit[k];
    if (landed < bestLanded) {
      bestLanded = landed;
      best = k;
      out.departure = departure;
      out.shelfLeft = left;
    }
  }
  if (best < 0) return status;
  out.option = best;
  out.landed = bestLanded;
  if (bestLanded > request.maxPricePerUnit) return PAIR_PRICE;
  return bestLanded <= priceLimitOf(request) ? PAIR_OK : PAIR_CEILING;
}

/** Rule 1. */
export function gradeFits(listing: EngineListing, request: EngineRequest): boolean {
  return (
    listing.commodityCode === request.commodityCode && listing.gradeRank <= request.minGradeRank
  );
}

/**
 * Rule 6 at pair level: a listing that still has its minimum cannot sell less than it, so a
 * request that needs less than the minimum can never be served by it.
 */
export function minOrderFits(listing: EngineListing, request: EngineRequest): boolean {
  const minimum = listing.minOrderQuantity;
  return !(minimum > requestSize(request) && listing.remainingQuantity >= minimum);
}

/** What a request needs in all: its own remaining quantity, or the whole request's for a piece. */
export function requestSize(request: EngineRequest): number {
  return request.wholeRemainingQuantity ?? request.remainingQuantity;
}

/**
 * Counterpart trust: a party that chose verified counterparts only is never paired with an
 * organization that is not verified. Plain flags on both sides keep the engine pure.
 */
export function counterpartsFit(listing: EngineListing, request: EngineRequest): boolean {
  return (
    (!request.verifiedCounterpartsOnly || listing.organizationVerified === true) &&
    (!listing.verifiedCounterpartsOnly || request.organizationVerified === true)
  );
}
