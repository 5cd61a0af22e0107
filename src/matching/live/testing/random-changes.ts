import type { EngineListing, EngineRequest } from '../../engine';
import type { RandomMarket } from '../../engine/testing/random-market';
import type { LiveProposal } from '../../market.repository';

/** Test fixtures of the live market's property specs: one random change of a market at a time. */

export interface MarketSides {
  listings: EngineListing[];
  requests: EngineRequest[];
}

export interface ChangeOptions {
  /** How a new listing enters the market (priced on a grid, cut for a shortage...). */
  listing?: (listing: EngineListing) => EngineListing;
  /** How a new request enters the market. */
  request?: (request: EngineRequest) => EngineRequest;
  /** A listing is taken from (100 units less, as a deal would) instead of withdrawn. */
  takeFromListings?: boolean;
}

/**
 * One random single change of `market`: a new request (30 %) or listing (15 %) from `extra`, a
 * listing withdrawn or taken from (15 %), a request withdrawn (15 %), or a request asking 150
 * units more or less (the rest). Always the same draws from `random` for the same state.
 */
export function randomChange(
  random: () => number,
  market: MarketSides,
  extra: RandomMarket,
  step: number,
  options: ChangeOptions = {},
): MarketSides {
  const { listing = (l) => l, request = (r) => r } = options;
  const { listings, requests } = market;
  const roll = random();
  const at = (n: number) => Math.floor(random() * n);
  if (roll < 0.3 && extra.requests.length > 0) {
    const added = request({ ...extra.requests[at(extra.requests.length)], id: `R-new-${step}` });
    return { listings, requests: [...requests, added] };
  }
  if (roll < 0.45 && extra.listings.length > 0) {
    const added = listing({ ...extra.listings[at(extra.listings.length)], id: `L-new-${step}` });
    return { listings: [...listings, added], requests };
  }
  if (roll < 0.6 && listings.length > 1) {
    const changed = at(listings.length);
    return {
      listings: options.takeFromListings
        ? listings.map((l, i) =>
            i === changed ? { ...l, remainingQuantity: Math.max(1, l.remainingQuantity - 100) } : l,
          )
        : listings.filter((_, i) => i !== changed),
      requests,
    };
  }
  if (roll < 0.75 && requests.length > 1) {
    const gone = at(requests.length);
    return { listings, requests: requests.filter((_, i) => i !== gone) };
  }
  // An edit: more or less wanted (a request built in pieces comes back whole).
  const edited = at(requests.length);
  const more = random() < 0.5 ? -150 : 150;
  return {
    listings,
    requests: requests.map((r, i) =>
      i === edited ? { ...r, remainingQuantity: Math.max(1, r.remainingQuantity + more) } : r,
    ),
  };
}

/** The stored proposals whose sides are both still in the market (a change superseded the rest). */
export function stillOpen(stored: readonly LiveProposal[], market: MarketSides): LiveProposal[] {
  const listingIds = new Set(market.listings.map((l) => l.id));
  const requestIds = new Set(market.requests.map((r) => r.id));
  return stored.filter(
    (p) => listingIds.has(p.supplyListingId) && requestIds.has(p.demandRequestId),
  );
}
