/**
 * The landed cost per delivered unit, broken into what it is made of. The engine computes
 * landed = ceil(pricePerUnit / (1 - shrink)) + transportCostPerUnit in whole rupiah (rounded up
 * once, on the shrink part); the breakdown is that same sum, so its parts always add up exactly:
 *   pricePerUnit     the asking price at origin
 *   shrinkPerUnit    ceil(pricePerUnit / (1 - shrink)) - pricePerUnit: the goods lost on the way,
 *                    paid for at origin and spread over the units that arrive
 *   transportPerUnit transport per unit, rounded up once per option (see transport-network.ts)
 *   feesPerUnit      platform or handling fees: none today
 */
export interface LandedCostBreakdown {
  pricePerUnit: number;
  shrinkPerUnit: number;
  transportPerUnit: number;
  feesPerUnit: number;
}

export function landedCostBreakdown(parts: {
  pricePerUnit: number;
  transportCostPerUnit: number;
  landedCostPerUnit: number;
}): LandedCostBreakdown {
  return {
    pricePerUnit: parts.pricePerUnit,
    shrinkPerUnit: parts.landedCostPerUnit - parts.pricePerUnit - parts.transportCostPerUnit,
    transportPerUnit: parts.transportCostPerUnit,
    feesPerUnit: 0,
  };
}

/** quantity x unitPrice in exact integer arithmetic, as a decimal string (beyond 2^53 too). */
export function rupiahTotal(quantity: number, unitPrice: number): string {
  return (BigInt(quantity) * BigInt(unitPrice)).toString();
}
