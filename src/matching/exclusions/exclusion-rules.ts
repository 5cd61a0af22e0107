import type { DeclineReason, PairTerms } from './exclusion.entity';

/** The terms each decline reason is about: a change to one of them lets the pair be proposed again. */
const TERMS_BY_REASON: Record<Exclude<DeclineReason, 'price' | 'partner'>, (keyof PairTerms)[]> = {
  quantity: ['listingQuantity', 'requestQuantity', 'minOrderQuantity'],
  // Freshness is a matter of time too: a later harvest or a smaller shelf-life need may fix it.
  timing: [
    'availableFrom',
    'availableUntil',
    'harvestedAt',
    'deliverFrom',
    'deliverBy',
    'minShelfLifeDaysOnArrival',
  ],
  quality: ['grade', 'minGrade'],
  other: [
    'pricePerUnit',
    'grade',
    'listingQuantity',
    'minOrderQuantity',
    'originRegionCode',
    'availableFrom',
    'availableUntil',
    'harvestedAt',
    'maxPricePerUnit',
    'minGrade',
    'requestQuantity',
    'destinationRegionCode',
    'deliverFrom',
    'deliverBy',
    'minShelfLifeDaysOnArrival',
  ],
};

/**
 * Whether a pair declined for `reason` when its terms were `then` must still not be proposed now.
 * A price decline is answered only by a price better for the side that declined: for a buyer a
 * lower asking price or a higher maximum of its own; for a supplier (the trade price is its own
 * asking price) a higher asking price. The other reasons are answered by any change to one of
 * their terms. Comparing with the terms at the decline (not with "was it edited since") means an
 * edit undone is no change.
 */
export function declineStillHolds(
  reason: DeclineReason,
  then: PairTerms,
  now: PairTerms,
  decliner: 'supplier' | 'buyer' = 'buyer',
): boolean {
  if (reason === 'partner') return true; // lifted by its owner only
  if (reason === 'price') {
    if (decliner === 'supplier') return now.pricePerUnit <= then.pricePerUnit;
    return now.pricePerUnit >= then.pricePerUnit && now.maxPricePerUnit <= then.maxPricePerUnit;
  }
  return TERMS_BY_REASON[reason].every((term) => then[term] === now[term]);
}

/** The terms of a listing row and a request row (as `pg` returns them), in the snapshot's shape. */
export interface PairTermsRow {
  price_per_unit: number;
  grade: string | null;
  listing_quantity: number;
  min_order_quantity: number | null;
  origin_region_code: string;
  available_from: Date;
  available_until: Date;
  harvested_at: Date | null;
  max_price_per_unit: number;
  min_grade: string | null;
  request_quantity: number;
  destination_region_code: string;
  deliver_from: Date | null;
  deliver_by: Date;
  min_shelf_life_days_on_arrival: number;
}

/** Selects a PairTermsRow from `supply_listings l` and `demand_requests r`. */
export const PAIR_TERMS_SQL = `l.price_per_unit, l.grade, l.quantity AS listing_quantity, l.min_order_quantity,
  l.origin_region_code, l.available_from, l.available_until, l.harvested_at, r.max_price_per_unit,
  r.min_grade, r.quantity AS request_quantity, r.destination_region_code, r.deliver_from,
  r.deliver_by, r.min_shelf_life_days_on_arrival`;

export function pairTerms(row: PairTermsRow): PairTerms {
  return {
    pricePerUnit: row.price_per_unit,
    grade: row.grade,
    listingQuantity: row.listing_quantity,
    minOrderQuantity: row.min_order_quantity,
    originRegionCode: row.origin_region_code,
    availableFrom: row.available_from.toISOString(),
    availableUntil: row.available_until.toISOString(),
    harvestedAt: row.harvested_at?.toISOString() ?? null,
    maxPricePerUnit: row.max_price_per_unit,
    minGrade: row.min_grade,
    requestQuantity: row.request_quantity,
    destinationRegionCode: row.destination_region_code,
    deliverFrom: row.deliver_from?.toISOString() ?? null,
    deliverBy: row.deliver_by.toISOString(),
    minShelfLifeDaysOnArrival: row.min_shelf_life_days_on_arrival,
  };
}
