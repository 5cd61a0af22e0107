import type { ClaimStatus, Trade } from './trade.entity';

/**
 * The quantity the buyer should find on arrival: what was shipped less the shrink allowance of
 * the mode (fixed in the trade at confirmation). Only a delivery short of this opens a claim, so
 * the normal loss on the way is never claimed twice.
 */
export function expectedDeliveredQuantity(trade: Pick<Trade, 'quantityDelivered'>): number {
  return trade.quantityDelivered;
}

/** The grade the trade was agreed on (the listing's, at confirmation). */
export function agreedGrade(trade: Pick<Trade, 'grade'>): string | null {
  return trade.grade;
}

export interface DeliveryClaim {
  shortQuantity: number;
  belowGrade: boolean;
}

/**
 * What a delivery opens: a claim when fewer units arrived than expected or the grade found is
 * worse than agreed (`rank` maps a grade to its rank, 0 = best), or null when it is as agreed.
 */
export function claimFor(
  trade: Pick<Trade, 'quantityDelivered' | 'grade'>,
  receivedQuantity: number,
  gradeOnArrival: string | null,
  rank: (grade: string | null) => number | undefined,
): DeliveryClaim | null {
  const shortQuantity = Math.max(0, expectedDeliveredQuantity(trade) - receivedQuantity);
  const agreed = rank(agreedGrade(trade));
  const found = rank(gradeOnArrival);
  const belowGrade = agreed !== undefined && found !== undefined && found > agreed;
  return shortQuantity > 0 || belowGrade ? { shortQuantity, belowGrade } : null;
}

type Settled = Pick<
  Trade,
  'quantity' | 'quantityDelivered' | 'pricePerUnit' | 'receivedQuantity' | 'status'
> & { claimStatus: ClaimStatus | null };

/** The agreed total: units shipped x price at origin, exact (bigint: it may pass 2^53). */
export function agreedTotal(trade: Pick<Trade, 'quantity' | 'pricePerUnit'>): bigint {
  return BigInt(trade.quantity) * BigInt(trade.pricePerUnit);
}

/**
 * What the agreed total is worth if only `received` of the expected units arrive: the buyer pays
 * the agreed total per expected delivered unit (so the normal shrink stays priced in), rounded
 * down to the rupiah. Exact in bigint.
 */
function totalFor(trade: Settled, received: number): bigint {
  const expected = BigInt(expectedDeliveredQuantity(trade));
  if (expected === 0n) return 0n;
  const units = BigInt(Math.min(received, expectedDeliveredQuantity(trade)));
  return (agreedTotal(trade) * units) / expected;
}

/** Rupiah a short delivery claims from the agreed total, as an integer string. */
export function amountClaimed(trade: Settled, shortQuantity: number): string {
  const received = expectedDeliveredQuantity(trade) - shortQuantity;
  return (agreedTotal(trade) - totalFor(trade, received)).toString();
}

/**
 * Rupiah the buyer owes, exact as an integer string. An accepted claim recomputes it from what
 * arrived; the grade found has no price of its own in the data, so a grade claim settles at the
 * agreed unit price (the parties agree any discount).
 */
export function amountDue(trade: Settled): string {
  if (trade.status === 'cancelled' || trade.status === 'failed') return '0';
  if (trade.claimStatus === 'accepted' && trade.receivedQuantity !== null) {
    return totalFor(trade, trade.receivedQuantity).toString();
  }
  return agreedTotal(trade).toString();
}
