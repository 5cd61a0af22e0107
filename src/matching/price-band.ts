/**
 * How precisely the why-not diagnostics may reveal a buyer's confidential maximum price to a
 * supplier: only which band of a fixed geometric ladder it lies in. Edges are Rp 1,000 x 1.1^k
 * rounded to whole rupiah (..., 54,764, 60,240, ...): each band is 10 % wide, so the disclosure is
 * the same relative precision for rice at Rp 12,000 as for chili at Rp 60,000.
 *
 * Why this resists binary search by price edits: the diagnostics answer "fits" only when the
 * landed cost is at or below the band's lower edge, "above" only when it is at or above the upper
 * edge, and "close, not disclosed" in between. The edges do not depend on the secret, so however
 * many edits a supplier makes, the answers are a function of the band alone: the best it can learn
 * is the band (which it could as well be told). No hysteresis is needed for that reason; the
 * price-edit limit and the per-listing rate limit on the diagnostics only slow down finding the
 * band, and proposals (real, and seen by the buyer) remain the one exact signal.
 */
const FIRST_EDGE = 1_000;
const RATIO = 1.1;

const EDGES: number[] = (() => {
  const edges = [0];
  for (let edge = FIRST_EDGE; edge < 1e13; edge *= RATIO) edges.push(Math.round(edge));
  return edges;
})();

export interface PriceBand {
  /** Inclusive. */
  low: number;
  /** Exclusive. */
  high: number;
}

/** The band [low, high) of the ladder that holds `price`. */
export function priceBandOf(price: number): PriceBand {
  let lo = 0;
  let hi = EDGES.length - 1;
  // The largest edge <= price.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (EDGES[mid] <= price) lo = mid;
    else hi = mid - 1;
  }
  return { low: EDGES[lo], high: EDGES[lo + 1] ?? Number.MAX_SAFE_INTEGER };
}

export type BandedPrice = 'fits' | 'above' | 'close';

/** What may be said about a landed cost against a confidential maximum. */
export function compareWithBand(landedCostPerUnit: number, maxPricePerUnit: number): BandedPrice {
  const band = priceBandOf(maxPricePerUnit);
  if (landedCostPerUnit <= band.low) return 'fits';
  if (landedCostPerUnit >= band.high) return 'above';
  return 'close';
}
