import type { TransportLeg } from '../logistics/logistics.types';
import type { Match } from '../matching/match.entity';
import { landedCostBreakdown, type LandedCostBreakdown } from '../matching/landed-cost';

import type { ListingTermsSnapshot, RequestTermsSnapshot } from '../market/market.ledger';

// The snapshots are what the market ledger reads back from the rows a confirmation took from.
export type { ListingTermsSnapshot, RequestTermsSnapshot };

/**
 * What a trade was agreed on, frozen in the confirming transaction. The request's maximum price
 * is part of it (it decided feasibility) but TradeView shows it to the buyer only.
 */
export interface TradeTerms {
  commodityCode: string;
  grade: string | null;
  pricePerUnit: number;
  quantityShipped: number;
  quantityDelivered: number;
  shrinkRate: number;
  transportMode: string;
  route: TransportLeg[];
  departureDate: string;
  arrivalDate: string;
  shelfLifeDaysOnArrival: number;
  distanceKm: number;
  landedCostPerUnit: number;
  landedCostBreakdown: LandedCostBreakdown;
  agreementId: string | null;
  confirmedAt: string;
  listing: ListingTermsSnapshot;
  request: RequestTermsSnapshot;
}

export function tradeTerms(
  match: Match,
  listing: ListingTermsSnapshot,
  request: RequestTermsSnapshot,
  confirmedAt: Date,
): TradeTerms {
  return {
    commodityCode: match.commodityCode,
    grade: listing.grade,
    pricePerUnit: match.pricePerUnit,
    quantityShipped: match.quantity,
    quantityDelivered: match.quantityDelivered,
    shrinkRate: match.shrinkRate,
    transportMode: match.transportMode,
    route: match.route,
    departureDate: match.departureDate.toISOString(),
    arrivalDate: match.arrivalDate.toISOString(),
    shelfLifeDaysOnArrival: match.shelfLifeDaysOnArrival,
    distanceKm: match.distanceKm,
    landedCostPerUnit: match.landedCostPerUnit,
    landedCostBreakdown: landedCostBreakdown(match),
    agreementId: match.agreementId,
    confirmedAt: confirmedAt.toISOString(),
    listing,
    request,
  };
}

/** The terms as a supplier may see them: without the buyer's confidential maximum price. */
export function termsForSupplier(terms: TradeTerms): Omit<TradeTerms, 'request'> & {
  request: Omit<RequestTermsSnapshot, 'maxPricePerUnit'>;
} {
  const { maxPricePerUnit: _hidden, ...request } = terms.request;
  void _hidden;
  return { ...terms, request };
}
