import type { EngineRequest } from './engine.types';
import {
  priceLimitOf,
  requestSize,
  shelfFitsMinimum,
  shelfLeftDays,
  type ListingFacts,
  type ShelfModel,
} from './pair-rules';
import type { RequestGroup } from './request-group';
import type { CompiledRoute } from './route-table';

const MAX_OPTIONS = 8;

export const INFEASIBLE = -1;

/**
 * The candidate generator's inner loop: one listing against the requests of one destination.
 * prepare() orders the route's options by landed cost for this listing (ties by label, as in
 * chooseOption) and precomputes what does not depend on the request; gainAt() then tries the
 * options in that order, so the first one passing the window and shelf-life rules is the
 * cheapest, and a landed cost above the buyer's maximum ends the search. Same rules and same
 * arithmetic as pair-rules.ts (a unit test checks that they agree), several times faster.
 */
export class PairScanner {
  private count = 0;
  private readonly landed = new Float64Array(MAX_OPTIONS);
  private readonly transit = new Float64Array(MAX_OPTIONS);
  /** Transit spent out of the cold per option (ms). */
  private readonly ambient = new Float64Array(MAX_OPTIONS);
  /** Arrival and shelf life left for a request without deliverFrom (departure fixed). */
  private readonly plainArrival = new Float64Array(MAX_OPTIONS);
  private readonly plainShelfLeft = new Float64Array(MAX_OPTIONS);
  private readonly option = new Int32Array(MAX_OPTIONS);
  private readonly scratch = new Float64Array(MAX_OPTIONS);
  private earliest = 0;
  private availableUntil = 0;
  private harvestedAt = 0;
  private gradeRank = 0;
  private minOrder = 0;
  private listingRemaining = 0;
  private windowOpen = false;
  /** Index (in the route) of the option chosen by the last feasible gainAt()/gain(). */
  chosenOption = -1;

  constructor(private readonly shelf: ShelfModel) {}

  /** The cheapest landed cost of any option (no request with a lower maximum can match). */
  get cheapestLanded(): number {
    return this.count === 0 ? Infinity : this.landed[0];
  }

  prepare(facts: ListingFacts, route: CompiledRoute): void {
    const n = Math.min(route.transitMs.length, MAX_OPTIONS);
    const { option, scratch } = this;
    this.count = n;
    for (let k = 0; k < n; k++) {
      scratch[k] = facts.landedBaseBySlot[route.shrinkSlot[k]] + route.costPerUnit[k];
      option[k] = k;
    }
    // Insertion sort of a handful of options: by landed cost, then route (label) order.
    for (let k = 1; k < n; k++) {
      const x = option[k];
      let i = k - 1;
      while (i >= 0 && scratch[option[i]] > scratch[x]) {
        option[i + 1] = option[i];
        i--;
      }
      option[i + 1] = x;
    }
    const listing = facts.listing;
    const departure = facts.earliestDeparture;
    this.earliest = departure;
    this.availableUntil = listing.availableUntil;
    this.harvestedAt = listing.harvestedAt;
    this.gradeRank = listing.gradeRank;
    this.minOrder = listing.minOrderQuantity;
    this.listingRemaining = listing.remainingQuantity;
    this.windowOpen = departure <= listing.availableUntil;
    for (let k = 0; k < n; k++) {
      const o = option[k];
      const t = route.transitMs[o];
      this.landed[k] = scratch[o];
      this.transit[k] = t;
      this.ambient[k] = route.ambientMs[o];
      this.plainArrival[k] = departure + t;
      this.plainShelfLeft[k] = shelfLeftDays(
        departure,
        t,
        route.ambientMs[o],
        listing.harvestedAt,
        this.shelf,
      );
    }
  }

  /**
   * Gain per unit before any agreement bonus (maxPrice - landed, so >= 0) of the request at
   * position k of the group, or INFEASIBLE when a rule fails (grade, window, shelf life, price,
   * minimum order). The group must be refreshed.
   */
  gainAt(group: RequestGroup, k: number): number {
    return this.evaluate(
      group.minGrade[k],
      group.remaining[k],
      group.maxPrice[k],
      group.priceLimit[k],
      group.deliverFrom[k],
      group.deliverBy[k],
      group.minShelf[k],
      group.coldStorage[k] === 1,
    );
  }

  /** The same for a request object (incremental additions). */
  gain(request: EngineRequest): number {
    return this.evaluate(
      request.minGradeRank,
      requestSize(request),
      request.maxPricePerUnit,
      priceLimitOf(request),
      request.deliverFrom ?? NaN,
      request.deliverBy,
      request.minShelfLifeDaysOnArrival,
      request.coldStorage === true,
    );
  }

  private evaluate(
    minGrade: number,
    requestRemaining: number,
    max: number,
    /** max, or the reference ceiling when lower: the landed cost may not exceed it. */
    limit: number,
    deliverFrom: number,
    deliverBy: number,
    minShelf: number,
    /** The buyer's minimum is in chilled days (cold storage declared). */
    coldStorage: boolean,
  ): number {
    const perAmbient = coldStorage ? this.shelf.chilledPerAmbient : 1;
    if (this.gradeRank > minGrade) return INFEASIBLE;
    if (this.minOrder > requestRemaining && this.listingRemaining >= this.minOrder)
      return INFEASIBLE;
    const plain = deliverFrom !== deliverFrom; // NaN: no deliverFrom
    for (let k = 0; k < this.count; k++) {
      const landed = this.landed[k];
      if (landed > limit) return INFEASIBLE;
      if (plain) {
        if (!this.windowOpen || this.plainArrival[k] > deliverBy) continue;
        let left = this.plainShelfLeft[k];
        if (left !== left) {
          left = shelfLeftDays(
            this.earliest,
            this.transit[k],
            this.ambient[k],
            this.harvestedAt,
            this.shelf,
          );
          this.plainShelfLeft[k] = left;
        }
        if (!shelfFitsMinimum(left * perAmbient, minShelf)) continue;
      } else {
        const t = this.transit[k];
        const departure = deliverFrom - t > this.earliest ? deliverFrom - t : this.earliest;
        if (departure > this.availableUntil || departure + t > deliverBy) continue;
        const left = shelfLeftDays(departure, t, this.ambient[k], this.harvestedAt, this.shelf);
        if (!shelfFitsMinimum(left * perAmbient, minShelf)) continue;
      }
      this.chosenOption = this.option[k];
      return max - landed;
    }
    return INFEASIBLE;
  }
}
