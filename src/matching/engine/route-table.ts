import type { TransportOption, TransportOptionLabel } from '../../logistics/logistics.types';
import type { RouteFootprint } from './worker-protocol';
import {
  DEFAULT_LOT_KG,
  LOT_BANDS_KG,
  lotBandIndex,
  type TransportNetwork,
} from '../../logistics/transport-network';

export const DAY_MS = 86_400_000;
const PPM = 1_000_000;

/** The options of one region pair, flattened for the pair loop. */
export interface CompiledRoute {
  options: readonly TransportOption[];
  transitMs: readonly number[];
  costPerUnit: readonly number[];
  /** Index into ListingFacts.landedBaseBySlot: one slot per distinct shrink fraction. */
  shrinkSlot: readonly number[];
  /**
   * The part of transitMs spent out of the cold (ambient legs, uncooled transfers): shelf life
   * is used at the ambient rate for it and at the cold rate for the rest.
   */
  ambientMs: readonly number[];
}

const NO_ROUTE: CompiledRoute = Object.freeze({
  options: [],
  transitMs: [],
  costPerUnit: [],
  shrinkSlot: [],
  ambientMs: [],
});

/** The lot band of a listing: its remaining quantity, costed at the band below it. */
export function lotBandOf(quantity: number): number {
  return lotBandIndex(quantity);
}

export const DEFAULT_LOT_BAND = lotBandIndex(DEFAULT_LOT_KG);

/** The options the network offers: no air-reefer, no such service exists for produce. */
const LABELS: readonly TransportOptionLabel[] = ['road', 'road-reefer', 'sea', 'sea-reefer', 'air'];

/**
 * Compiled transport options per region pair and lot band, cached for the lifetime of the
 * network (one per network and commodity category, shared by every solve). Transit times are
 * whole milliseconds so that departure and arrival times stay integers. Each option's shrink is
 * its commodity category's on that option (shrink-id.csv through TransportNetwork.shrinkOf):
 * rice loses 1.2 % by sea, chili 7 %.
 */
export class RouteTable {
  private static readonly tables = new WeakMap<TransportNetwork, Map<string, RouteTable>>();
  /** Distinct shrink fractions in parts per million, the slots of ListingFacts. */
  readonly shrinkPpmBySlot: number[] = [];
  private readonly routes: (CompiledRoute | undefined)[];
  /** Routes computed so far (eagerly by prepare, or lazily by route()): for tests and benches. */
  built = 0;

  private constructor(
    private readonly network: TransportNetwork,
    private readonly category: string | undefined,
  ) {
    const n = network.regionCount;
    this.routes = new Array<CompiledRoute | undefined>(n * n * LOT_BANDS_KG.length).fill(undefined);
    // Every option label's shrink has a slot from the start, so maxShrinkPpm bounds them all.
    for (const label of LABELS) this.slotOf(network.shrinkOf(category, label));
  }

  /**
   * Builds, before any solve, every route the markets can ask for: in each market (commodity),
   * each origin region of a listing at the lot bands of its listings there, to each destination
   * region of a request; the table of a category is shared by its commodities, so a pair is built
   * once per category. Returns the number of routes built. Run it
   * when a network version is loaded, so that solves on that version only read the table (the
   * lazy build made the first solve after a change about 3x slower than the next ones). Routes a
   * later market needs beyond these (a new region, a lot that fell into a lower band) are still
   * built on first use.
   */
  static prepare(network: TransportNetwork, markets: readonly RouteFootprint[]): number {
    let built = 0;
    // Per market, as its solve would ask: the same pair in two commodities of one category is
    // built once (their table is shared), and a pair no commodity has on both ends is not built.
    for (const market of markets) {
      const table = RouteTable.of(network, market.category);
      const before = table.built;
      const bandsByOrigin = new Map<number, Set<number>>();
      for (const listing of market.listings) {
        const origin = table.regionIndex(listing.originRegionCode);
        if (origin < 0 || listing.remainingQuantity <= 0) continue;
        let bands = bandsByOrigin.get(origin);
        if (!bands) bandsByOrigin.set(origin, (bands = new Set()));
        bands.add(lotBandOf(listing.remainingQuantity));
      }
      const destinations = new Set<number>();
      for (const request of market.requests) {
        const destination = table.regionIndex(request.destinationRegionCode);
        if (destination >= 0 && request.remainingQuantity > 0) destinations.add(destination);
      }
      for (const [origin, bands] of bandsByOrigin) {
        for (const destination of destinations) {
          for (const band of bands) table.route(origin, destination, band);
        }
      }
      built += table.built - before;
    }
    return built;
  }

  /** The table of a network for a commodity category (undefined: the modes' default shrinks). */
  static of(network: TransportNetwork, category?: string): RouteTable {
    let byCategory = RouteTable.tables.get(network);
    if (!byCategory) {
      byCategory = new Map();
      RouteTable.tables.set(network, byCategory);
    }
    const key = category ?? '';
    let table = byCategory.get(key);
    if (!table) {
      table = new RouteTable(network, category);
      byCategory.set(key, table);
    }
    return table;
  }

  regionIndex(code: string): number {
    return this.network.regionIndex(code);
  }

  /** The route between two region indexes for a lot band (-1 = unknown region: no options). */
  route(origin: number, destination: number, band: number = DEFAULT_LOT_BAND): CompiledRoute {
    if (origin < 0 || destination < 0) return NO_ROUTE;
    const key = (origin * this.network.regionCount + destination) * LOT_BANDS_KG.length + band;
    let route = this.routes[key];
    if (route === undefined) {
      const options = this.network.optionsByIndex(origin, destination, band);
      route =
        options.length === 0
          ? NO_ROUTE
          : {
              options,
              transitMs: options.map((o) => Math.round(o.transitDays * DAY_MS)),
              costPerUnit: options.map((o) => o.costPerUnit),
              shrinkSlot: options.map((o) =>
                this.slotOf(this.network.shrinkOf(this.category, o.label)),
              ),
              ambientMs: options.map((o) =>
                Math.min(
                  Math.round(o.ambientTransitDays * DAY_MS),
                  Math.round(o.transitDays * DAY_MS),
                ),
              ),
            };
      this.routes[key] = route;
      this.built++;
    }
    return route;
  }

  /**
   * The largest shrink (ppm) any option of this network can have for the category: every
   * option label's shrink has a slot from the start, so they bound them all.
   */
  get maxShrinkPpm(): number {
    return Math.max(0, ...this.shrinkPpmBySlot);
  }

  private slotOf(shrinkFraction: number): number {
    const ppm = Math.round(shrinkFraction * PPM);
    let slot = this.shrinkPpmBySlot.indexOf(ppm);
    if (slot < 0) {
      slot = this.shrinkPpmBySlot.length;
      this.shrinkPpmBySlot.push(ppm);
    }
    return slot;
  }
}

/**
 * ceil(price / (1 - shrink)) in exact integer arithmetic: shrink is taken in parts per million,
 * so 45,000 / 0.9 is 50,000 and not 50,000.000000000007 rounded up to 50,001.
 */
export function landedBase(pricePerUnit: number, shrinkPpm: number): number {
  const numerator = pricePerUnit * PPM;
  const denominator = PPM - shrinkPpm;
  let q = Math.floor(numerator / denominator);
  while (q * denominator < numerator) q++;
  while (q > 0 && (q - 1) * denominator >= numerator) q--;
  return q;
}

/** The highest asking price whose landed base stays within `budget` (inverse of landedBase). */
export function maxPriceForLandedBase(budget: number, shrinkPpm: number): number {
  if (budget <= 0) return 0;
  return Math.floor((budget * (PPM - shrinkPpm)) / PPM);
}

/** A shrink fraction in parts per million, as the route table and the arcs carry it. */
export function shrinkPpmOf(shrinkFraction: number): number {
  return Math.round(shrinkFraction * PPM);
}

/**
 * Units to ship so that at least `delivered` arrive: ceil(delivered / (1 - shrink)), exact.
 * The buyer never gets less than the allocation promised.
 */
export function shippedForDelivered(delivered: number, shrinkPpm: number): number {
  return landedBase(delivered, shrinkPpm);
}

/**
 * The most delivered units a listing's shipped units can cover whatever arc carries them:
 * floor(shipped x (1 - shrink)) with the largest shrink the listing could meet. Converting its
 * capacity this way means no allocation can ship more than the listing has (up to the rounding
 * of each allocation's own ceil, which MarketSolver.result trims).
 */
export function deliverableCapacity(shipped: number, maxShrinkPpm: number): number {
  return Math.floor((shipped * (PPM - maxShrinkPpm)) / PPM);
}
