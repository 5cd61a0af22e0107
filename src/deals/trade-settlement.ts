import type { ClaimStatus, Trade } from './trade.entity';

/**
 * The quantity the buyer should find on arrival. For now the quantity traded; once trades carry
 * what is shipped and what is expected to arrive after shrink, this is the one place to say so.
 */
export function expectedDeliveredQuantity(trade: Pick<Trade, 'quantity'>): number {
  return trade.quantity;
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
  trade: Pick<Trade, 'quantity' | 'grade'>,
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

/**
 * Rupiah the buyer owes, exact as an integer string (bigint: quantity x price may pass 2^53).
 * An accepted claim recomputes it from what arrived; the grade found has no price of its own in
 * the data, so a grade claim settles at the agreed unit price (the parties agree any discount).
 */
export function amountDue(
  trade: Pick<Trade, 'quantity' | 'pricePerUnit' | 'receivedQuantity' | 'status'> & {
    claimStatus: ClaimStatus | null;
  },
): string {
  if (trade.status === 'cancelled' || trade.status === 'failed') return '0';
  const units =
    trade.claimStatus === 'accepted' && trade.receivedQuantity !== null
      ? Math.min(trade.receivedQuantity, expectedDeliveredQuantity(trade))
      : expectedDeliveredQuantity(trade);
  return (BigInt(units) * BigInt(trade.pricePerUnit)).toString();
}
